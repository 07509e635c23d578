package dev.truthordare.cms.reports;

import dev.truthordare.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** A record that still fails after three retries goes to {@code <topic>.DLT}, so it never blocks its partition. */
@Configuration
class DeadLetterConfig {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1)),
                new FixedBackOff(500, 3));
    }
}
