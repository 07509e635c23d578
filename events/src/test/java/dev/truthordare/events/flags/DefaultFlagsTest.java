package dev.truthordare.events.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.FlagState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultFlagsTest {

	@Test
	void aFreshSystemServesEveryFeatureToEveryone() {
		FlagStates states = DefaultFlags.states();

		assertThat(states.all()).extracting(FlagState::key)
			.containsExactly("api.v1", "never_have_i_ever", "translations", "would_you_rather");
		for (FlagState flag : states.all()) {
			assertThat(FlagRollout.isOn(flag, "any-client")).as(flag.key()).isTrue();
			assertThat(FlagRollout.isOn(flag, null)).as(flag.key() + " without client id").isTrue();
		}
	}

	@Test
	void theFirstStateAnAdminPublishesReplacesTheDefault() {
		FlagStates states = DefaultFlags.states();

		boolean taken = states.apply(new FlagState(DefaultFlags.TRANSLATIONS, false, 100, List.of(), List.of(),
				"translation-service overloaded", 1, "root", Instant.parse("2026-12-02T10:00:00Z")));

		assertThat(taken).isTrue();
		assertThat(FlagRollout.isOn(states.get(DefaultFlags.TRANSLATIONS).orElseThrow(), "any-client")).isFalse();
	}

}
