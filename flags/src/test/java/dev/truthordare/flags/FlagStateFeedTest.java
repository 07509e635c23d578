package dev.truthordare.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.truthordare.events.EventType;
import dev.truthordare.events.FlagState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.flags.DefaultFlags;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The reader against a real (embedded) broker: every instance learns every flag's latest
 * state from the beginning of the compacted topic, and a change within 2 s; the
 * auto-configuration wires it to OpenFeature with the evaluation metrics.
 */
class FlagStateFeedTest {

	private static EmbeddedKafkaKraftBroker kafka;

	private static KafkaProducer<String, Object> producer;

	@BeforeAll
	static void start() {
		kafka = new EmbeddedKafkaKraftBroker(1, 2, Topics.FLAGS);
		kafka.afterPropertiesSet();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
				new StringSerializer(), new EventSerializer());
	}

	@AfterAll
	static void stop() {
		producer.close();
		kafka.destroy();
	}

	@Test
	void twoReadersEachLearnEveryStateFromTheBeginningAndEveryChangeWithinTwoSeconds() throws Exception {
		publish(state("feed_a", false, 0, 1));
		publish(state("feed_b", true, 100, 1));
		FlagStateProvider first = new FlagStateProvider(DefaultFlags.states());
		FlagStateProvider second = new FlagStateProvider(DefaultFlags.states());
		try (FlagStateFeed one = new FlagStateFeed(first, kafka.getBrokersAsString(), "one", Map.of());
				FlagStateFeed two = new FlagStateFeed(second, kafka.getBrokersAsString(), "two", Map.of())) {
			one.start();
			two.start();
			assertThat(one.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
			assertThat(two.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
			for (FlagStateProvider provider : List.of(first, second)) {
				assertThat(provider.states().get("feed_a")).hasValueSatisfying(s -> assertThat(s.enabled()).isFalse());
				assertThat(provider.states().get("feed_b")).isPresent();
				assertThat(provider.states().get(DefaultFlags.API_V1)).isPresent();
			}

			publish(state("feed_a", true, 100, 2));

			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> first.states().get("feed_a").orElseThrow().enabled()
						&& second.states().get("feed_a").orElseThrow().enabled());
		}
	}

	@Test
	void anOlderStateArrivingLateChangesNothing() throws Exception {
		FlagStateProvider provider = new FlagStateProvider(DefaultFlags.states());
		try (FlagStateFeed feed = new FlagStateFeed(provider, kafka.getBrokersAsString(), "late", Map.of())) {
			feed.start();
			assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
			publish(state("feed_late", true, 100, 5));
			publish(state("feed_late", false, 0, 4));
			publish(state("feed_late_marker", true, 100, 1));

			await().atMost(Duration.ofSeconds(2)).until(() -> provider.states().get("feed_late_marker").isPresent());
			assertThat(provider.states().get("feed_late").orElseThrow().version()).isEqualTo(5);
		}
	}

	@Test
	void theAutoConfigurationFeedsAnOpenFeatureClientThatCountsItsEvaluations() throws Exception {
		MeterRegistry meters = new SimpleMeterRegistry();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlagsAutoConfiguration.class))
			.withBean(MeterRegistry.class, () -> meters)
			.withPropertyValues("flags.bootstrap-servers=" + kafka.getBrokersAsString(), "spring.application.name=test")
			.run(context -> {
				Client client = context.getBean(Client.class);
				assertThat(client.getBooleanValue(DefaultFlags.TRANSLATIONS, false, new ImmutableContext("c-1")))
					.isTrue();

				publish(new FlagState(DefaultFlags.TRANSLATIONS, false, 100, List.of(), List.of(), "kill switch",
						Long.MAX_VALUE / 2, "admin", Instant.now()));

				await().atMost(Duration.ofSeconds(30))
					.until(() -> !client.getBooleanValue(DefaultFlags.TRANSLATIONS, true, new ImmutableContext("c-1")));
				assertThat(meters.get(FlagEvaluationMetrics.METER)
					.tags("flag", DefaultFlags.TRANSLATIONS, "variant", "off")
					.counter()
					.count()).isGreaterThanOrEqualTo(1);
			});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlagsAutoConfiguration.class))
			.withPropertyValues("flags.reader.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(FlagStateFeed.class).hasSingleBean(Client.class));
	}

	private static FlagState state(String key, boolean enabled, int percent, long version) {
		return new FlagState(key, enabled, percent, List.of(), List.of(), "test", version, "admin", Instant.now());
	}

	private static void publish(FlagState state) throws Exception {
		producer.send(CloudEvents.record(EventType.FLAG_STATE, state.key(), state, "/test")).get(10, TimeUnit.SECONDS);
	}

}
