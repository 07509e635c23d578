package dev.truthordare.events.flags;

import dev.truthordare.events.FlagState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one process knows about the feature flags, fed from the compacted {@code flags.v1}
 * topic: the latest state of each flag. States may arrive late or twice (redelivery, a
 * reader started from the beginning), so a state replaces the held one only when its
 * version is newer.
 */
public final class FlagStates {

	private final Map<String, FlagState> flags = new ConcurrentHashMap<>();

	/**
	 * Keeps {@code state} unless a newer (or the same) version of that flag is already
	 * known.
	 * @return whether {@code state} is now the flag's state
	 */
	public boolean apply(FlagState state) {
		return flags.merge(state.key(), state,
				(held, offered) -> offered.version() > held.version() ? offered : held) == state;
	}

	public Optional<FlagState> get(String key) {
		return Optional.ofNullable(flags.get(key));
	}

	/** Every known flag, by key. */
	public List<FlagState> all() {
		return flags.values().stream().sorted(Comparator.comparing(FlagState::key)).toList();
	}

}
