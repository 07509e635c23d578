package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that are not well-formed HTTP, or that only a raw socket sends, get the same
 * problem+json refusal as every other bad request, never Netty's empty 400, and never
 * reach a service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private UpstreamStub upstream;

	private GatewayInstance gateway;

	private int port;

	@BeforeAll
	void start() throws IOException {
		upstream = new UpstreamStub();
		gateway = new GatewayInstance(upstream.url(), 1);
		port = URI.create(gateway.url()).getPort();
	}

	@AfterAll
	void stop() {
		gateway.close();
		upstream.close();
	}

	/** Writes the bytes as they are, reads until the gateway closes the connection. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private String host() {
		return "Host: 127.0.0.1:" + port + "\r\n";
	}

	private static void assertProblem(String answer, int status) {
		assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
		assertThat(answer.toLowerCase()).contains("content-type: application/problem+json", "x-request-id: ");
		assertThat(answer).contains("\"status\":" + status, "\"request_id\":").doesNotContain("\"ok\":true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Client-Id: phone-1\rX-Injected: 1", "X-Client-Id: phone\u0000-1",
			"X-Client-Id : phone-1", "X-Client Id: phone-1" })
	void headersNettyCannotParseAreA400Problem(String header) throws IOException {
		assertProblem(raw("POST /api/v1/ratings HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n" + header
				+ "\r\nContent-Length: 2\r\n\r\n{}"), 400);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "X-Client-Id: \u202Ephone-1", "X-Client-Id: phone\u200B-1", "X-Client-Id: phone-\uD83D\uDD25" })
	void invisibleOrControlCharactersInAHeaderAreA400Problem(String header) throws IOException {
		assertProblem(raw("POST /api/v1/ratings HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n" + header
				+ "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 400);
	}

	@Test
	void conflictingContentLengthsAreA400Problem() throws IOException {
		assertProblem(raw("POST /api/v1/ratings HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
				+ "Content-Length: 5\r\nContent-Length: 2\r\n\r\n{}"), 400);
	}

	@Test
	void aBrokenChunkIsA400Problem() throws IOException {
		assertProblem(raw("POST /api/v1/ratings HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), 400);
	}

	@Test
	void anInvalidMethodTokenIsA400Problem() throws IOException {
		assertProblem(raw("G<T /api/v1/truths/random HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n"), 400);
	}

	@Test
	void aRequestLineOfSixtyFourKibIsA414Problem() throws IOException {
		assertProblem(raw("GET /api/v1/truths/random?category=" + "a".repeat(64 * 1024) + " HTTP/1.1\r\n" + host()
				+ "Connection: close\r\n\r\n"), 414);
	}

	@Test
	void headersOfSixtyFourKibAreA431Problem() throws IOException {
		assertProblem(raw("GET /api/v1/truths/random HTTP/1.1\r\n" + host() + "Cookie: s=" + "s".repeat(64 * 1024)
				+ "\r\nConnection: close\r\n\r\n"), 431);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Host: 127.0.0.1\r\nHost: evil.example\r\n", "Host: exa mple\r\n",
			"Host: evil.example/path\r\n" })
	void aMissingDuplicateOrInvalidHostIsA400Problem(String hostLines) throws IOException {
		String answer = raw("GET /api/v1/truths/random HTTP/1.1\r\n" + hostLines + "Connection: close\r\n\r\n");

		assertProblem(answer, 400);
	}

	@Test
	void oneWellFormedHostOfAnyNameIsAnOrdinaryRequest() throws IOException {
		String answer = raw("GET /api/v1/truths/random HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"ok\":true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/truths/truth-001%0D%0AX-Injected:%201", "/api/v1/truths/truth-001%FF%FE",
			"/api/v1/truths/truth%3B001", "/api/v1/truths/%C0%AE%C0%AE/cms", "/api/v1/truths/%zz" })
	void pathsWithEncodedControlsOrInvalidUtf8AreA400Problem(String path) throws IOException {
		String answer = raw("GET " + path + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");

		assertProblem(answer, 400);
		String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
		assertThat(head.toLowerCase()).doesNotContain("x-injected");
	}

	@Test
	void aChunkedBodyOverSixtyFourKibIsA413Problem() throws Exception {
		byte[] body = ("{\"comment\":\"" + "z".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/ratings"))
			.header("Content-Type", "application/json")
			.header("X-Client-Id", "phone-1234")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aSmallChunkedBodyReachesTheServiceWhole() throws Exception {
		byte[] body = "{\"content_id\":\"truth-001\",\"rating\":5}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/ratings"))
			.header("Content-Type", "application/json")
			.header("X-Client-Id", "phone-1234")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"body_length\":" + body.length);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Expect: aaaaaaaa", "Expect: 100-continue, x-other", "Expect: 200-ok" })
	void anExpectationOtherThanContinueIsA417Problem(String header) throws IOException {
		String answer = raw("POST /api/v1/ratings HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n" + header
				+ "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

		assertProblem(answer, 417);
	}

	@Test
	void aContinueExpectationIsAnsweredByTheGatewayAndNotPassedOn() throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/ratings"))
			.header("Content-Type", "application/json")
			.header("X-Client-Id", "phone-1234")
			.expectContinue(true)
			.POST(HttpRequest.BodyPublishers.ofString("{\"content_id\":\"truth-001\",\"rating\":5}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"body_length\":37", "\"expect\":\"null\"");
	}

}
