package dev.truthordare.content.translation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("content.translation")
public record TranslationProperties(String serviceUrl, Duration cacheTtl) {
}
