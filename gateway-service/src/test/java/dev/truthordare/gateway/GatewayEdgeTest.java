package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The gateway's own answers, with no service registered behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.data.redis.port=1" })
class GatewayEdgeTest {

	@LocalServerPort
	int port;

	private ResponseEntity<JsonNode> get(String path, String requestId) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build()
			.get()
			.uri(path)
			.headers(headers -> {
				if (requestId != null) {
					headers.set("X-Request-Id", requestId);
				}
			})
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void unknownPathsAre404ProblemsCarryingTheRequestId() {
		ResponseEntity<JsonNode> answer = get("/api/v1/nothing-here", "client-chosen-id-123");

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("X-Request-Id")).isEqualTo("client-chosen-id-123");
		assertThat(answer.getBody().get("request_id").asString()).isEqualTo("client-chosen-id-123");
		assertThat(answer.getBody().get("status").asInt()).isEqualTo(404);
	}

	@Test
	void aMissingServiceIsA503ProblemWithRetryAfter() {
		ResponseEntity<JsonNode> answer = get("/api/v1/truths/random", null);

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(answer.getBody().get("detail").asString()).contains("content-service");
	}

	@Test
	void malformedRequestIdsAreReplacedNotEchoed() {
		ResponseEntity<JsonNode> answer = get("/api/v1/nothing-here", "<script>");

		String issued = answer.getHeaders().getFirst("X-Request-Id");
		assertThat(issued).isNotBlank().doesNotContain("<");
		assertThat(answer.getBody().get("request_id").asString()).isEqualTo(issued);
	}

	@Test
	void oversizedBodiesAre413ProblemsAndEveryAnswerCarriesSecurityHeaders() {
		ResponseEntity<JsonNode> answer = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build()
			.post()
			.uri("/api/v1/ratings")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"comment\":\"" + "x".repeat(70 * 1024) + "\"}")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(413);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(get("/api/v1/nothing-here", null).getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
	}

	@Test
	void cmsAndTranslationWritesNeedATokenAtTheEdgeWhilePlayerCallsPassThrough() {
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();

		ResponseEntity<JsonNode> cms = http.post()
			.uri("/api/v1/cms/content")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(JsonNode.class);
		ResponseEntity<JsonNode> translation = http.put()
			.uri("/api/v1/translations/truth-001/id")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(JsonNode.class);
		ResponseEntity<JsonNode> forged = http.get()
			.uri("/api/v1/cms/queue")
			.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiQURNSU4iXX0.")
			.retrieve()
			.toEntity(JsonNode.class);
		// players' paths need no token, but one presented there is checked, not ignored
		ResponseEntity<JsonNode> forgedOnPlayerPath = http.get()
			.uri("/api/v1/truths/random")
			.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiQURNSU4iXX0.")
			.retrieve()
			.toEntity(JsonNode.class);

		for (ResponseEntity<JsonNode> answer : java.util.List.of(cms, translation, forged, forgedOnPlayerPath)) {
			assertThat(answer.getStatusCode().value()).isEqualTo(401);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
		}
		// players' calls are not asked for a token: with no service behind, they reach
		// the breaker's fallback
		assertThat(get("/api/v1/truths/random", null).getStatusCode().value()).isEqualTo(503);
		assertThat(get("/api/v1/languages", null).getStatusCode().value()).isEqualTo(503);
	}

}
