package dev.truthordare.web.kafka;

import dev.truthordare.events.Topics;
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
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that still fails after {@code platform.dead-letter.retries} retries goes to
 * {@code <topic>.DLT}, so a poison message never blocks its partition. Boot's listener
 * container factory picks this handler up.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetters {

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, DeadLetterProperties properties) {
		return new DefaultErrorHandler(
				new DeadLetterPublishingRecoverer(template,
						(record, failure) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1)),
				new FixedBackOff(properties.interval().toMillis(), properties.retries()));
	}

}
