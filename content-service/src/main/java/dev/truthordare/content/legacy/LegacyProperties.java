package dev.truthordare.content.legacy;

import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the original API's paths were deprecated and when they go away, announced in every
 * answer ({@code Deprecation}, RFC 9745; {@code Sunset}, RFC 8594).
 */
@ConfigurationProperties("content.legacy")
public record LegacyProperties(@DefaultValue("2026-01-01T00:00:00Z") Instant deprecatedSince,
		@DefaultValue("2027-06-30T23:59:59Z") Instant sunset) {
}
