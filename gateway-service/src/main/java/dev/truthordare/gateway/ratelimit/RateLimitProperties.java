package dev.truthordare.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per route class ({@code reads}, {@code writes}, {@code login}); a route
 * names its class in its {@code rate-limit} metadata.
 *
 * @param classes the limit of each class per client
 * @param perAddress the limit of each class per client address (IPv4) or /64 (IPv6),
 * shared by every client id behind it; a class without one is limited per client only
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is
 * believed; empty: none is
 */
@ConfigurationProperties("gateway.rate-limits")
public record RateLimitProperties(Map<String, Limit> classes, Map<String, Limit> perAddress,
		@DefaultValue List<String> trustedProxies) {

	public RateLimitProperties {
		classes = classes == null ? Map.of() : Map.copyOf(classes);
		perAddress = perAddress == null ? Map.of() : Map.copyOf(perAddress);
		trustedProxies = trustedProxies.stream().map(String::trim).filter(proxy -> !proxy.isEmpty()).toList();
	}

	/**
	 * {@code requests} per {@code per} on average, with up to {@code burst} at once.
	 */
	public record Limit(int requests, Duration per, int burst) {

		public Limit {
			if (requests < 1 || per == null || per.toSeconds() < 1 || burst < 1) {
				throw new IllegalArgumentException("a rate limit needs requests >= 1, per >= 1s and burst >= 1");
			}
		}

		/**
		 * Redis' token bucket refills whole tokens per second. A request costs
		 * {@code tokensPerRequest} tokens, so slow limits (5 per hour) become 1 token a
		 * second at 720 tokens a request.
		 */
		long tokensPerRequest() {
			return Math.max(1, Math.round((double) per.toSeconds() / requests));
		}

		int tokensPerSecond() {
			return (int) Math.max(1, Math.round((double) requests * tokensPerRequest() / per.toSeconds()));
		}

		long bucketTokens() {
			return burst * tokensPerRequest();
		}
	}
}
