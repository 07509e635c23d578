package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests of the wrong size or shape are refused at the edge with a problem, before any
 * route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"eureka.client.enabled=false", "spring.data.redis.port=1", "gateway.cors.cms-origins=https://cms.example" })
class EdgeShapeTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
	}

	private static void assertProblem(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"status\":" + status, "\"request_id\"");
	}

	@Test
	void urlsOverFourKibAre414() throws Exception {
		assertProblem(send(request("/api/v1/truths/random?category=" + "a".repeat(4100))), 414);
	}

	@Test
	void oversizedHeadersAre431() throws Exception {
		assertProblem(send(request("/api/v1/truths/random").header("X-Padding", "p".repeat(9000))), 431);
	}

	@Test
	void methodsNoApiUsesAre405WithAllow() throws Exception {
		HttpResponse<String> answer = send(
				request("/api/v1/truths/random").method("TRACE", HttpRequest.BodyPublishers.noBody()));

		assertProblem(answer, 405);
		assertThat(answer.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST").doesNotContain("TRACE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/truths/%2e%2e/cms/accounts", "/api/v1/truths/..%2fcms", "/api/v1/truths%2f..",
			"/api/v1/truths/%252e%252e/cms", "/api/v1/truths;jsessionid=1/random", "/api/v1//cms/accounts",
			"/api/v1/truths/random%00", "/api/v1/truths/%5c..%5ccms" })
	void pathTricksAre400AndReachNoService(String path) throws Exception {
		assertProblem(send(request(path)), 400);
	}

	@Test
	void bodiesThatAreNotJsonAre415() throws Exception {
		HttpResponse<String> answer = send(request("/api/v1/ratings").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("rating=5")));

		assertProblem(answer, 415);
		assertThat(answer.headers().firstValue("Accept")).hasValue("application/json");
	}

	@Test
	void anyPageMayReadThePlayersApiButOnlyListedOriginsMayUseTheCms() throws Exception {
		HttpResponse<String> playersPreflight = send(
				request("/api/v1/truths/random").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.header("Origin", "https://some-game.example")
					.header("Access-Control-Request-Method", "GET"));
		HttpResponse<String> foreignCmsPreflight = send(
				request("/api/v1/cms/content").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.header("Origin", "https://some-game.example")
					.header("Access-Control-Request-Method", "POST"));
		HttpResponse<String> cmsPreflight = send(
				request("/api/v1/cms/content").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.header("Origin", "https://cms.example")
					.header("Access-Control-Request-Method", "POST")
					.header("Access-Control-Request-Headers", "authorization,content-type"));

		assertThat(playersPreflight.statusCode()).isEqualTo(200);
		assertThat(playersPreflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
		assertThat(foreignCmsPreflight.statusCode()).isEqualTo(403);
		assertThat(foreignCmsPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(cmsPreflight.statusCode()).isEqualTo(200);
		assertThat(cmsPreflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://cms.example");
		assertThat(List.of(cmsPreflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()))
			.singleElement()
			.asString()
			.contains("POST");
	}

}
