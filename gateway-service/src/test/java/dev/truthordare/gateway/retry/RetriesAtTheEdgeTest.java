package dev.truthordare.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.truthordare.gateway.GatewayInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service that answers 503 for a while: the gateway retries idempotent GETs, within its
 * retry budget.
 */
class RetriesAtTheEdgeTest {

	/**
	 * Answers 503 to the first {@code failures} calls of each path, then 200; counts the
	 * calls per path.
	 */
	private static final class FlakyService implements AutoCloseable {

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		private final HttpServer server;

		FlakyService(int failures) throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				try (InputStream body = exchange.getRequestBody()) {
					body.readAllBytes();
				}
				int call = calls.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger())
					.incrementAndGet();
				byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(call <= failures ? 503 : 200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		int calls(String path) {
			return calls.getOrDefault(path, new AtomicInteger()).get();
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

	private FlakyService service;

	private GatewayInstance gateway;

	@AfterEach
	void stop() {
		gateway.close();
		service.close();
	}

	@Test
	void aGetThatMeetsTwo503sIsRetriedAndSucceedsButAPostIsNeverRetried() throws Exception {
		service = new FlakyService(2);
		gateway = new GatewayInstance(service.url(), 1);

		HttpResponse<String> read = gateway.send("GET", "/api/v1/truths/random");
		HttpResponse<String> write = gateway.send("POST", "/api/v1/ratings", "X-Client-Id", "phone-12345");

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(service.calls("/api/v1/truths/random")).isEqualTo(3);
		assertThat(write.statusCode()).isEqualTo(503);
		assertThat(service.calls("/api/v1/ratings")).isEqualTo(1);
	}

	@Test
	void whenTheRetryBudgetIsSpentTheFirstAnswerGoesBackAndTheMetricSaysSo() throws Exception {
		service = new FlakyService(1);
		gateway = new GatewayInstance(service.url(), 1, "gateway.retry-budget.ratio=0",
				"gateway.retry-budget.min-per-second=0");

		HttpResponse<String> read = gateway.send("GET", "/api/v1/truths/random");

		assertThat(read.statusCode()).isEqualTo(503);
		assertThat(service.calls("/api/v1/truths/random")).isEqualTo(1);
		assertThat(gateway.metrics()).containsPattern("gateway_retry_budget_exhausted_total(\\{[^}]*})? 1\\.0");
	}

}
