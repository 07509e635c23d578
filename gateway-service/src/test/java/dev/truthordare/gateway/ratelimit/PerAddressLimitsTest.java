package dev.truthordare.gateway.ratelimit;

import dev.truthordare.gateway.GatewayInstance;
import dev.truthordare.gateway.UpstreamStub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways behind a trusted proxy (loopback) in front of one real Redis: players are
 * told apart by {@code X-Forwarded-For}, and inventing client ids buys nothing beyond
 * their address's bucket. The address buckets refill slowly (per hour) so that a slow
 * build machine cannot refill them during a test.
 */
class PerAddressLimitsTest {

	private static RedisProcess redis;

	private static UpstreamStub upstream;

	private static GatewayInstance first;

	private static GatewayInstance second;

	@BeforeAll
	static void start() throws Exception {
		redis = RedisProcess.start();
		upstream = new UpstreamStub();
		String[] limits = { "gateway.rate-limits.trusted-proxies=127.0.0.1,::1",
				"gateway.rate-limits.classes.reads.requests=6", "gateway.rate-limits.classes.reads.per=1m",
				"gateway.rate-limits.classes.reads.burst=6", "gateway.rate-limits.classes.writes.requests=3",
				"gateway.rate-limits.classes.writes.per=1m", "gateway.rate-limits.classes.writes.burst=3",
				"gateway.rate-limits.per-address.reads.requests=20", "gateway.rate-limits.per-address.reads.per=1h",
				"gateway.rate-limits.per-address.reads.burst=20", "gateway.rate-limits.per-address.writes.requests=5",
				"gateway.rate-limits.per-address.writes.per=1h", "gateway.rate-limits.per-address.writes.burst=5" };
		first = new GatewayInstance(upstream.url(), redis.port, limits);
		second = new GatewayInstance(upstream.url(), redis.port, limits);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { first, second, upstream, redis }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ignored) {
				// best effort
			}
		}
	}

	@BeforeEach
	void fullBuckets() throws Exception {
		redis.flushAll();
	}

	@Test
	void sixtyNewClientIdsFromOneAddressGetOnlyTheAddressBucketThenA429Problem() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> last = null;
		for (int i = 0; i < 60; i++) {
			last = (i % 2 == 0 ? first : second).send("GET", "/api/v1/truths/random", "X-Client-Id", "fake-" + i,
					"X-Forwarded-For", "198.51.100.7");
			statuses.add(last.statusCode());
		}

		assertThat(statuses.subList(0, 20)).containsOnly(200);
		assertThat(statuses.subList(20, 60)).containsOnly(429);
		assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(last.headers().firstValue("X-RateLimit-Limit")).hasValue("20");
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		// a player at another address is not affected
		assertThat(
				first.send("GET", "/api/v1/truths/random", "X-Client-Id", "fake-0", "X-Forwarded-For", "198.51.100.8")
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void writesFromManyClientIdsShareTheSmallerAddressBucket() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			statuses.add((i % 2 == 0 ? first : second)
				.send("POST", "/api/v1/reports", "X-Client-Id", "reporter-" + i, "X-Forwarded-For", "203.0.113.50")
				.statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
	}

	@Test
	void theStricterBucketWinsAndItsRemainderIsReported() throws Exception {
		// the client's bucket (6) is smaller than the address's (20)
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> answer = null;
		for (int i = 0; i < 7; i++) {
			answer = first.send("GET", "/api/v1/languages", "X-Client-Id", "one-device", "X-Forwarded-For",
					"198.51.100.20");
			statuses.add(answer.statusCode());
			if (i == 0) {
				assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).hasValue("5");
			}
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429);
		assertThat(answer.headers().firstValue("X-RateLimit-Limit")).hasValue("6");
	}

	@Test
	void ipv6AddressesOfOneSlash64ShareABucket() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(
					first
						.send("POST", "/api/v1/ratings", "X-Client-Id", "v6-" + i, "X-Forwarded-For",
								"2001:db8:1:2::" + (i + 1))
						.statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
		assertThat(first.send("POST", "/api/v1/ratings", "X-Client-Id", "v6-9", "X-Forwarded-For", "2001:db8:1:3::1")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void servicesAreToldTheForwardedAddressWhateverTheClientClaims() throws Exception {
		HttpResponse<String> answer = second.send("GET", "/api/v1/languages", "X-Client-Address", "10.9.9.9",
				"X-Forwarded-For", "192.0.2.44");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"client_address\":\"192.0.2.44\"").doesNotContain("10.9.9.9");
	}

}
