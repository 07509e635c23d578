package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace store {@code ./run} starts: the Zipkin server from Maven Central takes spans
 * in the format the agents' Zipkin exporter sends, on loopback only, and finds a trace by
 * the id a player would read from an answer's {@code traceresponse} header.
 */
class TraceStoreTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path tmp;

	@Test
	void keepsSpansAndFindsTheirTraceById() throws Exception {
		Path jar = SystemLauncher.findRepoRoot(Path.of("")).resolve(TraceStore.JAR_PATH);
		assertThat(jar).as("downloaded by the build (maven-dependency-plugin)").isRegularFile();
		int port = Ports.free();
		try (TraceStore store = TraceStore.start(Path.of(System.getProperty("java.home")), jar, port,
				tmp.resolve("zipkin.log"))) {
			store.awaitUp(Duration.ofSeconds(90));
			assertThat(store.healthy()).as("health, see " + tmp.resolve("zipkin.log")).isTrue();
			assertThat(Ports.isAvailable(port)).as("nothing else may bind the port").isFalse();

			String traceId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
					+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
			long micros = System.currentTimeMillis() * 1000;
			String spans = """
					[{"traceId":"%s","id":"00f067aa0ba902b7","kind":"SERVER","name":"get /api/v1/truths/random",
					  "timestamp":%d,"duration":1500,"localEndpoint":{"serviceName":"gateway-service"},
					  "tags":{"http.response.status_code":"200"}},
					 {"traceId":"%s","parentId":"00f067aa0ba902b7","id":"53995c3f42cd8ad8","kind":"SERVER",
					  "name":"get /api/v1/truths/random","timestamp":%d,"duration":900,
					  "localEndpoint":{"serviceName":"content-service"}}]
					""".formatted(traceId, micros, traceId, micros + 100);
			HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(TraceStore.spansEndpoint(port)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(spans))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> trace = HTTP.send(
						HttpRequest.newBuilder(URI.create(store.url() + "/api/v2/trace/" + traceId)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(trace.statusCode()).isEqualTo(200);
				assertThat(trace.body()).contains("\"serviceName\":\"gateway-service\"",
						"\"serviceName\":\"content-service\"");
			});
			assertThat(HTTP
				.send(HttpRequest.newBuilder(URI.create(store.url() + "/zipkin/")).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("the UI").isEqualTo(200);
		}
		assertThat(Ports.isAvailable(port)).as("stopped with the system").isTrue();
	}

}
