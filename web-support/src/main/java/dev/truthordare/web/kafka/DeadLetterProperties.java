package dev.truthordare.web.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retries how often a failing record is retried before it goes to its dead-letter
 * topic
 * @param interval the pause before each retry
 */
@ConfigurationProperties("platform.dead-letter")
public record DeadLetterProperties(@DefaultValue("3") int retries, @DefaultValue("500ms") Duration interval) {
}
