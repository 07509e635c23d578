package dev.truthordare.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.event.EventListener;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's Redis token bucket, one bucket per (route class, client) and one
 * per (route class, client address) shared by every gateway instance; a request needs a
 * token from both, so the stricter wins. Answers in requests rather than tokens
 * ({@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset}, {@code Retry-After}
 * when refused). When Redis is slow or gone the request passes unlimited (fail open): an
 * edge that refuses every player because its counter store is down would turn a Redis
 * outage into a full outage.
 */
@Component
public class EdgeRateLimiter extends RedisRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(EdgeRateLimiter.class);

	private static final String ADDRESS_BUCKETS = "per-address-";

	private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final ReactiveStringRedisTemplate redis;

	private static final Response UNLIMITED = new Response(true, Map.of());

	/** Both of a request's buckets in one call (scripts/edge_rate_limiter.lua). */
	private static final List<String> WARM_UP = List.of("1", "1", "1");

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> script;

	private final Map<String, RateLimitProperties.Limit> limits;

	private final Map<String, RateLimitProperties.Limit> addressLimits;

	private final Duration redisTimeout;

	private final Counter failOpen;

	private final AtomicLong lastFailOpenLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

	public EdgeRateLimiter(ReactiveStringRedisTemplate redis,
			@Qualifier(REDIS_SCRIPT_NAME) RedisScript<List<Long>> gatewayScript,
			ConfigurationService configurationService, RateLimitProperties properties,
			DataRedisProperties redisProperties, MeterRegistry meters) {
		super(redis, gatewayScript, configurationService);
		this.redis = redis;
		// the text, not the resource: a script made from a resource asks on every call
		// whether the resource changed, which for a file inside the jar throws and
		// catches a FileNotFoundException per request (6 % of the gateway's CPU)
		this.script = RedisScript.of(scriptText("scripts/edge_rate_limiter.lua"), List.class);
		this.limits = properties.classes();
		this.addressLimits = properties.perAddress();
		this.redisTimeout = redisProperties.getTimeout();
		limits.forEach((limitClass, limit) -> getConfig().put(limitClass, config(limit)));
		addressLimits.forEach((limitClass, limit) -> getConfig().put(ADDRESS_BUCKETS + limitClass, config(limit)));
		this.failOpen = Counter.builder("gateway.ratelimit.fail.open")
			.description("Requests let through without a rate limit because Redis did not answer")
			.register(meters);
	}

	/**
	 * Opens the Redis connection and loads the script before the first player arrives;
	 * otherwise the first requests after a start wait for both and pass unlimited when
	 * that takes longer than the Redis timeout.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		try {
			redis.execute(script, List.of("rate-limit-warm-up.tokens", "rate-limit-warm-up.timestamp"), WARM_UP)
				.then()
				.block(Duration.ofSeconds(5));
		}
		catch (RuntimeException e) {
			failedOpen();
		}
	}

	/**
	 * {@code key} is {@code class|client|network} as {@link ClientKeyResolver} builds it.
	 * Both buckets are asked in one Redis call, the client's first: a request it refuses
	 * costs the address nothing. The Redis client's command timeout
	 * ({@code spring.data.redis.timeout}) bounds the wait; past it the request passes.
	 */
	@Override
	public Mono<Response> isAllowed(String routeId, String key) {
		String[] parts = key.split("\\" + ClientKeyResolver.SEPARATOR, 3);
		String limitClass = parts.length < 2 ? ClientKeyResolver.DEFAULT_CLASS : parts[0];
		String client = parts.length < 2 ? key : parts[1];
		RateLimitProperties.Limit limit = limits.get(limitClass);
		RateLimitProperties.Limit addressLimit = parts.length < 3 ? null : addressLimits.get(limitClass);
		if (limit == null) {
			return Mono.just(new Response(true, Map.of()));
		}
		List<String> keys = new ArrayList<>(4);
		List<String> args = new ArrayList<>(6);
		addBucket(keys, args, limitClass + "." + client, limit);
		if (addressLimit != null) {
			addBucket(keys, args, ADDRESS_BUCKETS + limitClass + "." + parts[2], addressLimit);
		}
		return redis.execute(script, keys, args)
			.reduce((List<Long>) new ArrayList<Long>(4), EdgeRateLimiter::append)
			.map(answer -> answer(answer, limit, addressLimit))
			.onErrorResume(error -> Mono.just(failedOpen()))
			.defaultIfEmpty(UNLIMITED);
	}

	/** Spring Cloud Gateway's key names, so buckets survive a change of limiter code. */
	private static void addBucket(List<String> keys, List<String> args, String bucket,
			RateLimitProperties.Limit limit) {
		String prefix = "request_rate_limiter.{" + bucket + "}.";
		keys.add(prefix + "tokens");
		keys.add(prefix + "timestamp");
		args.add(String.valueOf(limit.tokensPerSecond()));
		args.add(String.valueOf(limit.bucketTokens()));
		args.add(String.valueOf(limit.tokensPerRequest()));
	}

	@SuppressWarnings("unchecked")
	private static List<Long> append(List<Long> answer, List<?> part) {
		answer.addAll((List<Long>) part);
		return answer;
	}

	private Response answer(List<Long> answer, RateLimitProperties.Limit limit,
			RateLimitProperties.Limit addressLimit) {
		Response client = inRequests(answer.get(0) == 1, answer.get(1), limit);
		if (answer.get(2) < 0) {
			return client;
		}
		return stricter(client, inRequests(answer.get(2) == 1, answer.get(3), addressLimit));
	}

	/** A refusal by the address bucket, else the answer with fewer requests left. */
	private static Response stricter(Response client, Response address) {
		if (!address.isAllowed()) {
			return address;
		}
		long clientLeft = Long.parseLong(client.getHeaders().get("X-RateLimit-Remaining"));
		long addressLeft = Long.parseLong(address.getHeaders().get("X-RateLimit-Remaining"));
		return addressLeft < clientLeft ? address : client;
	}

	private static Response inRequests(boolean allowed, long tokensLeft, RateLimitProperties.Limit limit) {
		long perRequest = limit.tokensPerRequest();
		int perSecond = limit.tokensPerSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-RateLimit-Limit", String.valueOf(limit.burst()));
		headers.put("X-RateLimit-Remaining", String.valueOf(tokensLeft / perRequest));
		headers.put("X-RateLimit-Reset", String.valueOf(ceilDiv(limit.bucketTokens() - tokensLeft, perSecond)));
		if (!allowed) {
			headers.put("Retry-After", String.valueOf(Math.max(1, ceilDiv(perRequest - tokensLeft, perSecond))));
		}
		return new Response(allowed, headers);
	}

	private Response failedOpen() {
		failOpen.increment();
		long now = System.nanoTime();
		long last = lastFailOpenLog.get();
		if (now - last >= LOG_EVERY_NANOS && lastFailOpenLog.compareAndSet(last, now)) {
			log.warn(
					"Redis did not answer within {}: requests pass without rate limits until it does"
							+ " (metric gateway.ratelimit.fail.open counts them; this is logged once a minute)",
					redisTimeout);
		}
		return UNLIMITED;
	}

	private static Config config(RateLimitProperties.Limit limit) {
		return new Config().setReplenishRate(limit.tokensPerSecond())
			.setBurstCapacity(limit.bucketTokens())
			.setRequestedTokens((int) limit.tokensPerRequest());
	}

	private static long ceilDiv(long amount, long divisor) {
		return amount <= 0 ? 0 : (amount + divisor - 1) / divisor;
	}

	private static String scriptText(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("rate limiter script " + path + " missing from the jar", e);
		}
	}

}
