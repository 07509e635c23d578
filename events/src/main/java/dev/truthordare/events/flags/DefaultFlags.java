package dev.truthordare.events.flags;

import dev.truthordare.events.FlagState;
import java.time.Instant;
import java.util.List;

/**
 * The flags that exist from the start, before any admin has changed one. All are on for
 * everyone: a fresh system serves every feature, and the flags are there to hold one back
 * or switch it off. Their states have version 0, so the first state an admin publishes
 * (version 1 or more) replaces them everywhere.
 */
public final class DefaultFlags {

	/** Serving would-you-rather prompts; off: its endpoints answer 404 as if absent. */
	public static final String WOULD_YOU_RATHER = "would_you_rather";

	/**
	 * Serving never-have-I-ever statements; off: its endpoints answer 404 as if absent.
	 */
	public static final String NEVER_HAVE_I_EVER = "never_have_i_ever";

	/**
	 * Kill switch of translations; off: every answer in English with
	 * {@code translation_fallback: true} and no call to translation-service.
	 */
	public static final String TRANSLATIONS = "translations";

	/**
	 * The v1 API; off: v1 answers 410 Gone with a {@code Link} to v2 (the sunset
	 * rehearsal).
	 */
	public static final String API_V1 = "api.v1";

	/** Who "changed" a default flag. */
	public static final String SYSTEM = "system";

	public static final List<FlagState> ALL = List.of(
			initial(WOULD_YOU_RATHER, "Would-you-rather prompts and votes; off: their endpoints answer 404"),
			initial(NEVER_HAVE_I_EVER, "Never-have-I-ever statements and answers; off: their endpoints answer 404"),
			initial(TRANSLATIONS, "Translated answers; off: everything in English, translation-service not called"),
			initial(API_V1, "The v1 API; off: v1 answers 410 Gone with a Link to v2"));

	private DefaultFlags() {
	}

	private static FlagState initial(String key, String description) {
		return new FlagState(key, true, 100, List.of(), List.of(), description, 0, SYSTEM, Instant.EPOCH);
	}

	/** A flag store holding the default flags, ready for the topic's states. */
	public static FlagStates states() {
		FlagStates states = new FlagStates();
		ALL.forEach(states::apply);
		return states;
	}

}
