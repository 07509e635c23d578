package dev.truthordare.flags;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.truthordare.events.flags.DefaultFlags;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Every Spring Boot service (and the gateway) with this module and Kafka's client on the
 * class path evaluates flags in process: a {@link FlagStateProvider} holding the default
 * flags, fed from {@code flags.v1} by a {@link FlagStateFeed}, registered with
 * OpenFeature, and an OpenFeature {@link Client} bean counting its evaluations
 * ({@link FlagEvaluationMetrics}) when a meter registry exists.
 * <p>
 * {@code flags.reader.enabled=false} keeps the defaults and reads no topic (tests that
 * set states themselves); {@code flags.bootstrap-servers} overrides the broker, else
 * {@code spring.kafka.bootstrap-servers}, else {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaConsumer.class)
public class FlagsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlagStateProvider flagStateProvider() {
		return new FlagStateProvider(DefaultFlags.states());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "flags.reader.enabled", havingValue = "true", matchIfMissing = true)
	FlagStateFeed flagStateFeed(FlagStateProvider provider,
			@Value("${flags.bootstrap-servers:${spring.kafka.bootstrap-servers:${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}}}") String servers,
			@Value("${spring.application.name:service}") String application) {
		FlagStateFeed feed = new FlagStateFeed(provider, servers, application + "-flags", Map.of());
		feed.start();
		return feed;
	}

	/**
	 * The provider is registered under a domain of its own (one per application context,
	 * so tests running several contexts in one JVM do not share states) and as the
	 * default provider, for code that asks
	 * {@code OpenFeatureAPI.getInstance().getClient()}.
	 */
	@Bean
	@ConditionalOnMissingBean
	Client flagClient(FlagStateProvider provider, ObjectProvider<MeterRegistry> meters) {
		OpenFeatureAPI api = OpenFeatureAPI.getInstance();
		String domain = FlagStateProvider.NAME + "-" + UUID.randomUUID();
		api.setProviderAndWait(domain, provider);
		api.setProviderAndWait(provider);
		Client client = api.getClient(domain);
		meters.ifAvailable(registry -> client.addHooks(new FlagEvaluationMetrics(registry)));
		return client;
	}

}
