package dev.truthordare.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No header value a client can send makes a service answer 5xx: every endpoint a service
 * names gets each of {@link HostileHeaders#all()} in turn, over a raw socket so that
 * repeated, empty and non-ASCII headers arrive exactly as written. Every refusal is
 * problem+json.
 */
public interface HeaderContract {

	/** The port the service under test listens on. */
	int port();

	/** A request the service answers normally, which the hostile headers then disturb. */
	record Endpoint(String method, String path, String body) {

		public static Endpoint get(String path) {
			return new Endpoint("GET", path, null);
		}

		public static Endpoint post(String path, String body) {
			return new Endpoint("POST", path, body);
		}

		public static Endpoint put(String path, String body) {
			return new Endpoint("PUT", path, body);
		}

		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	/**
	 * The service's endpoints to disturb: reads, writes with a valid body, staff paths.
	 */
	List<Endpoint> hostileHeaderEndpoints();

	/**
	 * Headers every request carries unless the case replaces them (a staff token, say).
	 */
	default Map<String, String> baseHeaders() {
		return Map.of();
	}

	@TestFactory
	default Stream<DynamicTest> noHeaderValueMakesA5xx() {
		return hostileHeaderEndpoints().stream()
			.flatMap(endpoint -> HostileHeaders.all()
				.stream()
				.map(value -> DynamicTest.dynamicTest(endpoint + " with " + value, () -> {
					RawAnswer answer = send(port(), endpoint, baseHeaders(), value);
					assertThat(answer.status()).as("%s with %s: %s", endpoint, value, answer.head())
						.isBetween(200, 499);
					if (answer.status() >= 400) {
						assertThat(answer.contentType()).as("%s with %s: %s", endpoint, value, answer.head())
							.startsWith("application/problem+json");
					}
				})));
	}

	/** The status line, head and Content-Type of one answer. */
	record RawAnswer(int status, String head, String contentType) {
	}

	/**
	 * One request with the case's header lines in place of the defaults of the same name;
	 * reads until the server closes, skipping interim (1xx) answers.
	 */
	static RawAnswer send(int port, Endpoint endpoint, Map<String, String> base, HostileHeaders.Value value) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", "127.0.0.1:" + port);
		headers.put("Accept", "application/json");
		headers.put("X-Client-Id", "header-contract-1");
		if (endpoint.body() != null) {
			headers.put("Content-Type", "application/json");
		}
		headers.putAll(base);
		headers.keySet().removeIf(name -> name.equalsIgnoreCase(value.header()));
		byte[] body = endpoint.body() == null ? new byte[0] : endpoint.body().getBytes(StandardCharsets.UTF_8);
		StringBuilder request = new StringBuilder(endpoint.method() + " " + endpoint.path() + " HTTP/1.1\r\n");
		headers.forEach((name, v) -> request.append(name).append(": ").append(v).append("\r\n"));
		value.values().forEach(v -> request.append(value.header()).append(": ").append(v).append("\r\n"));
		request.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.write(body);
			out.flush();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(answer);
			return parse(answer.toString(StandardCharsets.ISO_8859_1));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static RawAnswer parse(String raw) {
		String rest = raw;
		while (rest.startsWith("HTTP/1.1 1")) {
			int end = rest.indexOf("\r\n\r\n");
			rest = end < 0 ? "" : rest.substring(end + 4);
		}
		int end = rest.indexOf("\r\n\r\n");
		String head = end < 0 ? rest : rest.substring(0, end);
		assertThat(head).as("an HTTP answer").startsWith("HTTP/1.1 ");
		int status = Integer.parseInt(head.substring(9, 12));
		String contentType = Stream.of(head.split("\r\n"))
			.filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
			.map(line -> line.substring("content-type:".length()).strip())
			.findFirst()
			.orElse("");
		return new RawAnswer(status, head, contentType);
	}

}
