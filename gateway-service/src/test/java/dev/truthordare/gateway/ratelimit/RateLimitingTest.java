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

/** Two gateways in front of one real Redis: the limits players and attackers meet. */
class RateLimitingTest {

	private static RedisProcess redis;

	private static UpstreamStub upstream;

	private static GatewayInstance first;

	private static GatewayInstance second;

	@BeforeAll
	static void start() throws Exception {
		redis = RedisProcess.start();
		upstream = new UpstreamStub();
		String[] limits = { "gateway.rate-limits.classes.writes.requests=3",
				"gateway.rate-limits.classes.writes.per=1m", "gateway.rate-limits.classes.writes.burst=3",
				"gateway.rate-limits.classes.reads.requests=6", "gateway.rate-limits.classes.reads.per=1m",
				"gateway.rate-limits.classes.reads.burst=6", "gateway.rate-limits.classes.login.requests=2",
				"gateway.rate-limits.classes.login.per=1m", "gateway.rate-limits.classes.login.burst=2" };
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
	void twoGatewaysShareOneBucketPerClientAndRefuseTheExcessWithA429Problem() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			GatewayInstance gateway = i % 2 == 0 ? first : second;
			HttpResponse<String> allowed = gateway.send("POST", "/api/v1/ratings", "X-Client-Id", "device-a");
			statuses.add(allowed.statusCode());
			assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
		}
		HttpResponse<String> refused = second.send("POST", "/api/v1/ratings", "X-Client-Id", "device-a", "X-Request-Id",
				"rate-limit-check-1");

		assertThat(statuses).containsOnly(200);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":429", "\"request_id\":\"rate-limit-check-1\"", "X-Client-Id");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);
		assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
		assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(refused.headers().firstValue("X-RateLimit-Reset")).isPresent();
		// another device still has its own full bucket
		assertThat(first.send("POST", "/api/v1/ratings", "X-Client-Id", "device-b").statusCode()).isEqualTo(200);
	}

	@Test
	void readsAndWritesAreLimitedSeparately() throws Exception {
		for (int i = 0; i < 3; i++) {
			first.send("POST", "/api/v1/reports", "X-Client-Id", "device-c");
		}
		assertThat(first.send("DELETE", "/api/v1/ratings/truth-001", "X-Client-Id", "device-c").statusCode())
			.isEqualTo(429);
		assertThat(first.send("GET", "/api/v1/ratings/truth-001", "X-Client-Id", "device-c").statusCode())
			.isEqualTo(200);
		assertThat(first.send("GET", "/api/v1/truths/random", "X-Client-Id", "device-c").statusCode()).isEqualTo(200);
	}

	@Test
	void withoutAClientIdTheAddressIsTheKeyAndForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			statuses.add(first.send("GET", "/api/v1/languages", "X-Forwarded-For", "203.0.113." + i).statusCode());
		}
		// a malformed client id counts as none
		statuses.add(second.send("GET", "/api/v1/languages", "X-Client-Id", "not a valid id!").statusCode());

		assertThat(statuses.subList(0, 6)).containsOnly(200);
		assertThat(statuses.subList(6, 8)).containsOnly(429);
	}

	@Test
	void loginsAreCountedPerAddressWhateverClientIdIsSent() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(first.send("POST", "/api/v1/cms/auth/token", "X-Client-Id", "fresh-id-" + i).statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 429);
	}

	@Test
	void submissionsAreWritesLikeAnyOtherAndShareTheirBucket() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(second.send("POST", "/api/v1/submissions", "X-Client-Id", "author-1").statusCode());
		}
		HttpResponse<String> rating = first.send("POST", "/api/v1/ratings", "X-Client-Id", "author-1");

		assertThat(statuses).containsOnly(200);
		assertThat(rating.statusCode()).isEqualTo(429);
		assertThat(rating.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
	}

	@Test
	void servicesAreToldThePeerAddressWhenThePeerIsNoTrustedProxy() throws Exception {
		HttpResponse<String> answer = first.send("GET", "/api/v1/languages", "X-Client-Address", "10.9.9.9",
				"X-Forwarded-For", "192.0.2.44");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).containsAnyOf("\"client_address\":\"127.0.0.1\"",
				"\"client_address\":\"0:0:0:0:0:0:0:1\"");
	}

}
