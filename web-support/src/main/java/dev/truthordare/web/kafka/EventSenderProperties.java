package dev.truthordare.web.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param queueCapacity how many events may wait for the broker before the oldest is
 * dropped
 * @param giveUpAfter how long one event is offered to a broker that stays away before it
 * is dropped
 * @param retryPause the pause between two offers of the same event
 */
@ConfigurationProperties("platform.events")
public record EventSenderProperties(@DefaultValue("10000") int queueCapacity, @DefaultValue("2m") Duration giveUpAfter,
		@DefaultValue("1s") Duration retryPause) {
}
