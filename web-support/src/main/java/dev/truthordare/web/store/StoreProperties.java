package dev.truthordare.web.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request waits for a store that does not answer, and what the client is told
 * then. The MongoDB driver's own defaults (30 s to find a server, no read timeout) kept a
 * request hanging past the gateway's route timeout while the store was down.
 *
 * @param serverSelectionTimeout how long an operation waits for a reachable store before
 * it fails
 * @param connectTimeout how long opening one connection to the store may take
 * @param readTimeout how long one answer of the store may take on an open connection
 * @param retryAfter the {@code Retry-After} of the 503 a request gets while the store is
 * unavailable
 */
@ConfigurationProperties("platform.store")
public record StoreProperties(@DefaultValue("2s") Duration serverSelectionTimeout,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		@DefaultValue("5s") Duration retryAfter) {
}
