package dev.truthordare.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import dev.truthordare.events.FlagState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the OpenFeature API, as the services will call it. The API is a JVM-wide
 * singleton: each test binds its own provider to a domain of its own.
 */
class FlagStateProviderTest {

	private static final String FLAG = "would_you_rather";

	private final FlagStateProvider provider = new FlagStateProvider();

	private Client client;

	@BeforeEach
	void bindAFreshProviderToADomainOfItsOwn() {
		String domain = "test-" + UUID.randomUUID();
		OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
		client = OpenFeatureAPI.getInstance().getClient(domain);
	}

	private static FlagState flag(boolean enabled, int percent, long version, List<String> allow) {
		return new FlagState(FLAG, enabled, percent, allow, List.of(), "gradual release", version, "root",
				Instant.parse("2026-12-02T10:00:00Z"));
	}

	private FlagEvaluationDetails<Boolean> evaluate(String clientId) {
		return client.getBooleanDetails(FLAG, false, new ImmutableContext(clientId));
	}

	private double shareOn(int clients) {
		long on = IntStream.range(0, clients).filter(i -> evaluate("player-" + i).getValue()).count();
		return on * 100.0 / clients;
	}

	@Test
	void anUnknownFlagAnswersTheCallersDefault() {
		FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("not_published_yet", true,
				new ImmutableContext("player-1"));

		assertThat(details.getValue()).isTrue();
		assertThat(details.getReason()).isEqualTo(Reason.DEFAULT.name());
		assertThat(details.getErrorCode()).isNull();
		assertThat(client.getBooleanValue("not_published_yet", false)).isFalse();
	}

	@Test
	void theTargetingKeyIsTheClientAndThePercentageDecidesTheShare() {
		provider.apply(flag(true, 50, 1, List.of()));

		FlagEvaluationDetails<Boolean> first = evaluate("player-42");
		assertThat(evaluate("player-42").getValue()).isEqualTo(first.getValue());
		assertThat(first.getVariant()).isEqualTo(first.getValue() ? "on" : "off");
		assertThat(first.getReason()).isEqualTo(Reason.SPLIT.name());
		assertThat(first.getFlagMetadata().getLong("version")).isEqualTo(1L);
		assertThat(shareOn(10_000)).isCloseTo(50.0, Offset.offset(3.0));

		provider.apply(flag(true, 0, 2, List.of()));
		assertThat(shareOn(1_000)).isZero();
		provider.apply(flag(true, 100, 3, List.of()));
		assertThat(shareOn(1_000)).isEqualTo(100.0);
	}

	@Test
	void theKillSwitchTurnsTheFlagOffForEveryoneAndSaysSo() {
		provider.apply(flag(false, 100, 5, List.of("tester")));

		FlagEvaluationDetails<Boolean> tester = evaluate("tester");

		assertThat(tester.getValue()).isFalse();
		assertThat(tester.getVariant()).isEqualTo("off");
		assertThat(tester.getReason()).isEqualTo(Reason.DISABLED.name());
		assertThat(client.getBooleanValue(FLAG, true, new ImmutableContext("anyone"))).isFalse();
	}

	@Test
	void anAllowListedClientSeesAFlagAtZeroPercentAndAnAnonymousCallerDoesNot() {
		provider.apply(flag(true, 0, 1, List.of("tester")));

		assertThat(evaluate("tester").getValue()).isTrue();
		assertThat(evaluate("tester").getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
		assertThat(client.getBooleanValue(FLAG, true)).as("no targeting key").isFalse();
	}

	@Test
	void anOlderVersionDeliveredLateNeverUndoesANewerOne() {
		assertThat(provider.apply(flag(true, 100, 7, List.of()))).isTrue();
		assertThat(provider.apply(flag(false, 0, 6, List.of()))).isFalse();

		assertThat(evaluate("player-1").getValue()).isTrue();

		assertThat(provider.apply(flag(false, 0, 8, List.of()))).isTrue();
		assertThat(evaluate("player-1").getValue()).isFalse();
	}

	@Test
	void aFlagAskedForAsAnotherTypeAnswersTheDefaultWithATypeMismatch() {
		provider.apply(flag(true, 100, 1, List.of()));

		var details = client.getStringDetails(FLAG, "fallback", new ImmutableContext("player-1"));

		assertThat(details.getValue()).isEqualTo("fallback");
		assertThat(details.getErrorCode()).isEqualTo(dev.openfeature.sdk.ErrorCode.TYPE_MISMATCH);
	}

	@Test
	void everyEvaluationIsCountedByFlagAndVariant() {
		var registry = new SimpleMeterRegistry();
		client.addHooks(new FlagEvaluationMetrics(registry));
		provider.apply(flag(true, 0, 1, List.of("tester")));

		evaluate("tester");
		evaluate("tester");
		evaluate("someone-else");
		client.getBooleanValue("not_published_yet", false);

		assertThat(registry.get(FlagEvaluationMetrics.METER).tag("flag", FLAG).tag("variant", "on").counter().count())
			.isEqualTo(2.0);
		assertThat(registry.get(FlagEvaluationMetrics.METER).tag("flag", FLAG).tag("variant", "off").counter().count())
			.isEqualTo(1.0);
		assertThat(registry.get(FlagEvaluationMetrics.METER)
			.tag("flag", "not_published_yet")
			.tag("variant", "default")
			.counter()
			.count()).isEqualTo(1.0);
	}

}
