package dev.truthordare.infra.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace store {@code ./run} brings: a Zipkin server (from Maven Central; Jaeger has
 * no build this machine can run) on loopback, spans in memory and bounded, fed by every
 * agent's Zipkin exporter. Its UI and API answer on
 * {@code http://localhost:<port>/zipkin} and {@code /api/v2}. Compose and Kubernetes use
 * Jaeger over OTLP instead; the switch between the two lives in
 * {@link ServiceCommandLine} alone.
 */
public final class TraceStore implements AutoCloseable {

	static final int DEFAULT_PORT = 9411;

	static final String JAR_PATH = "infra/local/target/zipkin/zipkin-server.jar";

	/** Spans kept (oldest dropped first): about 100 MB of heap at most. */
	static final int MAX_SPANS = 50_000;

	private static final Logger log = LoggerFactory.getLogger(TraceStore.class);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int port;

	private final Process process;

	private final Path logFile;

	private TraceStore(int port, Process process, Path logFile) {
		this.port = port;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Starts the server as a child process and returns at once: it is up within seconds,
	 * long before the first service sends a span ({@link #awaitUp}).
	 */
	static TraceStore start(Path javaHome, Path jar, int port, Path logFile) throws IOException {
		Ports.requireAvailable(port, "the trace store (ZIPKIN_PORT)");
		Files.createDirectories(logFile.getParent());
		ProcessBuilder builder = new ProcessBuilder(List.of(javaHome.resolve("bin/java").toString(), "-Xmx256m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(),
				"--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
				"--armeria.ports[0].protocols=http"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		builder.environment().put("STORAGE_TYPE", "mem");
		builder.environment().put("MEM_MAX_SPANS", String.valueOf(MAX_SPANS));
		// its own traces would only fill its store
		builder.environment().put("SELF_TRACING_ENABLED", "false");
		// as for the services (ServiceCommandLine): fewer malloc arenas, a smaller
		// resident size
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		Process process = builder.start();
		process.getOutputStream().close();
		log.info("started the trace store (Zipkin, pid {}, port {}), log {}", process.pid(), port, logFile);
		return new TraceStore(port, process, logFile);
	}

	/**
	 * Waits until its health check answers; a store that does not come up is reported,
	 * not fatal.
	 */
	void awaitUp(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			if (healthy()) {
				return;
			}
			try {
				Thread.sleep(250); // polling a child process we started; nothing to await
									// on
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("the trace store did not come up on port {} (services serve on; their spans are dropped); see {}",
				port, logFile);
	}

	boolean healthy() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Where the agents send spans: Zipkin's v2 JSON API. */
	static String spansEndpoint(int port) {
		return "http://localhost:" + port + "/api/v2/spans";
	}

	String url() {
		return "http://localhost:" + port;
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
	}

}
