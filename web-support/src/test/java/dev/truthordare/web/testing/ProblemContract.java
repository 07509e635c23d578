package dev.truthordare.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The problem documents every servlet service answers to the same malformed requests,
 * byte for byte. A service's test implements this with
 * {@code @Import(ProblemProbe.class)} on its Spring Boot test; the expected documents are
 * {@code problem-contract/<case>.json} beside this class, one for all services.
 */
public interface ProblemContract {

	String REQUEST_ID = "contract-check-0001";

	/** The port the service under test listens on. */
	int port();

	record Case(String name, String method, String path, String contentType, String accept, String body, int status) {

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Case> cases() {
		String json = "application/json";
		return Stream
			.of(new Case("unparseable-body", "POST", "/problem-contract/body", json, json, "{\"display_name\": ", 400),
					new Case("unknown-field", "POST", "/problem-contract/body", json, json,
							"{\"display_name\":\"Ana\",\"star_count\":3,\"stars\":5}", 400),
					new Case("wrong-field-type", "POST", "/problem-contract/body", json, json,
							"{\"display_name\":\"Ana\",\"star_count\":\"3\"}", 400),
					new Case("missing-body", "POST", "/problem-contract/body", json, json, "", 400),
					new Case("invalid-fields", "POST", "/problem-contract/body", json, json,
							"{\"display_name\":\" \",\"star_count\":9}", 400),
					new Case("missing-parameter", "GET", "/problem-contract/params", null, json, null, 400),
					new Case("mistyped-parameter", "GET", "/problem-contract/params?count=many", null, json, null, 400),
					new Case("undecodable-query", "GET", "/problem-contract/params?count=%FF%FE", null, json, null,
							400),
					new Case("no-such-endpoint", "GET", "/problem-contract/nothing-here", null, json, null, 404),
					new Case("method-not-allowed", "DELETE", "/problem-contract/body", null, json, null, 405),
					new Case("not-acceptable", "GET", "/problem-contract/params?count=1", null, "text/csv", null, 406),
					new Case("unsupported-media-type", "POST", "/problem-contract/body", "text/plain", json, "hello",
							415),
					new Case("domain-problem", "GET", "/problem-contract/domain", null, json, null, 409),
					new Case("unexpected-error", "GET", "/problem-contract/unexpected", null, json, null, 500));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.truthordare.web.testing.ProblemContract#cases")
	default void answersTheSharedProblemDocument(Case malformed) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port() + malformed.path()))
			.header("X-Request-Id", REQUEST_ID)
			.header("Accept", malformed.accept())
			.header("Accept-Language", "en")
			.method(malformed.method(), malformed.body() == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(malformed.body()));
		if (malformed.contentType() != null) {
			request.header("Content-Type", malformed.contentType());
		}
		HttpResponse<String> answer;
		try (HttpClient client = HttpClient.newHttpClient()) {
			answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(malformed.status());
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).isEqualTo(expected(malformed.name()));
	}

	static String expected(String name) {
		try (InputStream in = ProblemContract.class.getResourceAsStream("/problem-contract/" + name + ".json")) {
			assertThat(in).as("fixture problem-contract/%s.json", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
