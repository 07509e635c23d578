package dev.truthordare.cms.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("cms.outbox")
public record OutboxProperties(Duration pollInterval, String source) {
}
