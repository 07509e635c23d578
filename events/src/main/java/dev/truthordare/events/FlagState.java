package dev.truthordare.events;

import java.time.Instant;
import java.util.List;

/**
 * Value of {@link Topics#FLAGS}, keyed by flag key: a feature flag's whole state, so a
 * reader needs only the latest record of a key. {@code version} orders the states of one
 * flag; a reader keeps the highest it has seen. How a state answers for one client is
 * {@link dev.truthordare.events.flags.FlagRollout}'s rule.
 *
 * @param rolloutPercent share of clients, 0–100, that see the feature when it is enabled
 * @param allowList client ids that see it whenever it is enabled
 * @param denyList client ids that never see it
 * @param updatedBy the admin who made the change
 */
public record FlagState(String key, boolean enabled, int rolloutPercent, List<String> allowList, List<String> denyList,
		String description, long version, String updatedBy, Instant updatedAt) {

	public FlagState {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("A flag needs a key");
		}
		if (rolloutPercent < 0 || rolloutPercent > 100) {
			throw new IllegalArgumentException("rollout_percent must be 0-100, was " + rolloutPercent);
		}
		allowList = allowList == null ? List.of() : List.copyOf(allowList);
		denyList = denyList == null ? List.of() : List.copyOf(denyList);
	}

}
