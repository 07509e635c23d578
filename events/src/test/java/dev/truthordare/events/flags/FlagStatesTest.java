package dev.truthordare.events.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.events.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagStatesTest {

	private final FlagStates states = new FlagStates();

	private static FlagState state(boolean enabled, int percent, long version) {
		return new FlagState("translations", enabled, percent, List.of(), List.of(), "kill switch", version, "root",
				Instant.parse("2026-12-02T10:00:00Z"));
	}

	@Test
	void aNewerVersionReplacesTheStateAndAnOlderOneDeliveredLateIsIgnored() {
		assertThat(states.apply(state(true, 100, 2))).isTrue();
		assertThat(states.apply(state(false, 0, 3))).isTrue();
		assertThat(states.apply(state(true, 100, 2))).isFalse();
		assertThat(states.apply(state(true, 50, 3))).as("same version again").isFalse();

		assertThat(states.get("translations")).get()
			.extracting(FlagState::enabled, FlagState::version)
			.containsExactly(false, 3L);
		assertThat(states.get("unknown")).isEmpty();
		assertThat(states.all()).hasSize(1);
	}

	@Test
	void aFlagStateTravelsAsSnakeCaseJsonOnTheFlagsTopic() {
		FlagState state = new FlagState("would_you_rather", true, 25, List.of("tester-1"), List.of("abuser-9"),
				"Would you rather, gradual release", 7, "root", Instant.parse("2026-12-02T10:00:00Z"));

		byte[] json = new EventSerializer().serialize(Topics.FLAGS, state);

		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"key\":\"would_you_rather\"",
				"\"rollout_percent\":25", "\"allow_list\":[\"tester-1\"]", "\"deny_list\":[\"abuser-9\"]",
				"\"updated_by\":\"root\"", "\"updated_at\":\"2026-12-02T10:00:00Z\"", "\"version\":7");
		assertThat(new EventDeserializer().deserialize(Topics.FLAGS, json)).isEqualTo(state);
		assertThat(Topics.ALL)
			.anyMatch(spec -> spec.name().equals("flags.v1") && spec.cleanup() == Topics.Cleanup.COMPACT);
	}

	@Test
	void aPercentageOutsideZeroToHundredIsRefused() {
		assertThatThrownBy(() -> state(true, 101, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> state(true, -1, 1)).isInstanceOf(IllegalArgumentException.class);
		byte[] bad = "{\"key\":\"x\",\"enabled\":true,\"rollout_percent\":150,\"version\":1}"
			.getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> new EventDeserializer().deserialize(Topics.FLAGS, bad))
			.isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
	}

}
