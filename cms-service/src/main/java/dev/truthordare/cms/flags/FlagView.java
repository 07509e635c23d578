package dev.truthordare.cms.flags;

import dev.truthordare.events.FlagState;
import java.time.Instant;
import java.util.List;

/**
 * A flag as admins see it. {@code published} is false while the state waits to be put on
 * {@code flags.v1} (Kafka down): the services still evaluate the previous state.
 */
record FlagView(String key, boolean enabled, int rolloutPercent, List<String> allowList, List<String> denyList,
		String description, long version, String updatedBy, Instant updatedAt, boolean published) {

	static FlagView of(FlagState state, boolean published) {
		return new FlagView(state.key(), state.enabled(), state.rolloutPercent(), state.allowList(), state.denyList(),
				state.description(), state.version(), state.updatedBy(), state.updatedAt(), published);
	}

}
