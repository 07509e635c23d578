package dev.truthordare.events.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.flags.FlagRollout.Decision;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagRolloutTest {

	private static final List<String> CLIENTS = IntStream.range(0, 10_000)
		.mapToObj(i -> "client-" + i + "-" + Integer.toHexString(i * 7919))
		.toList();

	private static FlagState flag(boolean enabled, int percent, List<String> allow, List<String> deny) {
		return new FlagState("would_you_rather", enabled, percent, allow, deny, "test flag", 1, "admin",
				Instant.parse("2026-12-02T00:00:00Z"));
	}

	private static FlagState flag(int percent) {
		return flag(true, percent, List.of(), List.of());
	}

	@Test
	void theSameClientAlwaysGetsTheSameAnswer() {
		FlagState half = flag(50);
		for (String client : CLIENTS.subList(0, 500)) {
			boolean first = FlagRollout.isOn(half, client);
			assertThat(FlagRollout.isOn(flag(50), client)).isEqualTo(first);
			assertThat(FlagRollout.bucket("would_you_rather", client))
				.isEqualTo(FlagRollout.bucket("would_you_rather", client));
		}
	}

	@Test
	void theBucketIsSpecifiedSoEveryServiceAndLanguageAgrees() {
		// computed independently (Python's hashlib): a change of the rule would reshuffle
		// every client's rollout, and a service in another language must agree
		assertThat(FlagRollout.bucket("would_you_rather", "client-1")).isEqualTo(4252);
		assertThat(FlagRollout.bucket("would_you_rather", "alice")).isEqualTo(9066);
	}

	@Test
	void raisingThePercentageOnlyAddsClients() {
		int[] steps = { 0, 10, 50, 90, 100 };
		for (String client : CLIENTS) {
			boolean wasOn = false;
			for (int percent : steps) {
				boolean on = FlagRollout.isOn(flag(percent), client);
				assertThat(!wasOn || on).as("%s turned off when raising to %d %%", client, percent).isTrue();
				wasOn = on;
			}
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 50, 90 })
	void theShareOfClientsMatchesThePercentageWithinThreePoints(int percent) {
		long on = CLIENTS.stream().filter(client -> FlagRollout.isOn(flag(percent), client)).count();

		assertThat(on * 100.0 / CLIENTS.size()).isCloseTo(percent, org.assertj.core.data.Offset.offset(3.0));
	}

	@Test
	void zeroAndHundredPercentAreNobodyAndEverybody() {
		assertThat(CLIENTS).noneMatch(client -> FlagRollout.isOn(flag(0), client));
		assertThat(CLIENTS).allMatch(client -> FlagRollout.isOn(flag(100), client));
	}

	@Test
	void differentFlagsRollOutToDifferentClients() {
		FlagState a = flag(50);
		FlagState b = new FlagState("never_have_i_ever", true, 50, List.of(), List.of(), null, 1, "admin", null);

		long same = CLIENTS.stream().filter(c -> FlagRollout.isOn(a, c) == FlagRollout.isOn(b, c)).count();

		// independent halves agree for about half the clients, not all of them
		assertThat(same * 100.0 / CLIENTS.size()).isBetween(45.0, 55.0);
	}

	@Test
	void theDenyListWinsOverTheAllowListAndTheAllowListOverThePercentage() {
		FlagState nobody = flag(true, 0, List.of("alice", "bob"), List.of("bob"));
		FlagState everybody = flag(true, 100, List.of(), List.of("carol"));

		assertThat(FlagRollout.decide(nobody, "alice")).isEqualTo(Decision.ALLOWED);
		assertThat(FlagRollout.decide(nobody, "bob")).isEqualTo(Decision.DENIED);
		assertThat(FlagRollout.decide(nobody, "dave")).isEqualTo(Decision.OUT_OF_ROLLOUT);
		assertThat(FlagRollout.isOn(everybody, "carol")).isFalse();
		assertThat(FlagRollout.isOn(everybody, "dave")).isTrue();
	}

	@Test
	void aDisabledFlagIsOffForEveryoneTheAllowListIncluded() {
		FlagState killed = flag(false, 100, List.of("alice"), List.of());

		assertThat(FlagRollout.decide(killed, "alice")).isEqualTo(Decision.DISABLED);
		assertThat(CLIENTS).noneMatch(client -> FlagRollout.isOn(killed, client));
		assertThat(FlagRollout.isOn(killed, null)).isFalse();
	}

	@Test
	void aRequestWithoutClientIdSeesTheFeatureOnlyAtHundredPercent() {
		assertThat(FlagRollout.isOn(flag(100), null)).isTrue();
		assertThat(FlagRollout.isOn(flag(100), " ")).isTrue();
		assertThat(FlagRollout.isOn(flag(99), null)).isFalse();
		assertThat(FlagRollout.isOn(flag(0), null)).isFalse();
	}

}
