package dev.truthordare.web.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retries how often a failing record is retried before it goes to its dead-letter
 * topic
 * @param interval the pause before each retry
 * @param storeRetryMaxInterval the longest pause between retries of a record that failed
 * because the store was unavailable: those are retried until the store is back, never
 * dead-lettered
 */
@ConfigurationProperties("platform.dead-letter")
public record DeadLetterProperties(@DefaultValue("3") int retries, @DefaultValue("500ms") Duration interval,
		@DefaultValue("5s") Duration storeRetryMaxInterval) {
}
