package dev.truthordare.web.kafka;

import dev.truthordare.events.Topics;
import dev.truthordare.web.store.StoreFailures;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that still fails after {@code platform.dead-letter.retries} retries goes to
 * {@code <topic>.DLT}, so a poison message never blocks its partition. A record that
 * failed because the store was unavailable is no poison: it is retried (pausing up to
 * {@code platform.dead-letter.store-retry-max-interval}) until the store is back, and its
 * offset is not committed meanwhile, so an outage delays events but loses none. Boot's
 * listener container factory picks this handler up.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetters {

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, DeadLetterProperties properties) {
		DefaultErrorHandler handler = new DefaultErrorHandler(
				new DeadLetterPublishingRecoverer(template,
						(record, failure) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1)),
				new FixedBackOff(properties.interval().toMillis(), properties.retries()));
		handler.setBackOffFunction(
				(record, failure) -> StoreFailures.isUnavailable(failure) ? untilTheStoreIsBack(properties) : null);
		return handler;
	}

	private static ExponentialBackOff untilTheStoreIsBack(DeadLetterProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.interval().toMillis(), 2.0);
		backOff
			.setMaxInterval(Math.max(properties.interval().toMillis(), properties.storeRetryMaxInterval().toMillis()));
		return backOff; // no maximum of attempts or elapsed time
	}

}
