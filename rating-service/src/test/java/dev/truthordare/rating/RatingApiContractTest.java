package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.web.testing.ProblemContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * What the API accepts and documents: bodies read strictly (no unknown fields, no numbers
 * as text), every bad request a 400 problem that counts nothing, and an OpenAPI document
 * in the snake_case the bodies use.
 */
class RatingApiContractTest extends RatingServiceTestSupport implements ProblemContract {

	@Override
	public int port() {
		return port;
	}

	@Test
	void malformedRatingsAre400ProblemsAndCountNothing() {
		long before = http().get()
			.uri("/api/v1/ratings/item-approved")
			.retrieve()
			.body(JsonNode.class)
			.get("count")
			.asLong();

		for (Object stars : List.of(0, 6, "five")) {
			ResponseEntity<JsonNode> answer = rate("device-dddd-4", "item-approved", stars);
			assertThat(answer.getStatusCode().value()).as("rating %s", stars).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		ResponseEntity<JsonNode> noClient = http().post()
			.uri("/api/v1/ratings")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("content_id", "item-approved", "rating", 3))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(noClient.getStatusCode().value()).isEqualTo(400);

		long after = http().get()
			.uri("/api/v1/ratings/item-approved")
			.retrieve()
			.body(JsonNode.class)
			.get("count")
			.asLong();
		assertThat(after).isEqualTo(before);
	}

	@Test
	void requestBodiesAreReadStrictly() {
		assertProblem(post("/api/v1/ratings", "device-strict-1",
				"{\"content_id\":\"item-approved\",\"rating\":5,\"stars\":5}"), 400, "Unknown field 'stars'");
		assertProblem(post("/api/v1/ratings", "device-strict-1", "{\"content_id\":\"item-approved\",\"rating\":\"5\"}"),
				400, "rating");
		assertProblem(post("/api/v1/ratings", "device-strict-1", "{\"content_id\":\"item-approved\",\"rating\":4.5}"),
				400, "rating");
		assertProblem(post("/api/v1/ratings", "device-strict-1",
				"{\"content_id\":\"item-approved\",\"rating\":4,\"rating\":5}"), 400, "JSON");
		assertProblem(
				post("/api/v1/ratings", "device-strict-1",
						"{\"content_id\":\"item-approved\",\"rating\":4,\"difficulty_feedback\":\"meh\"}"),
				400, "difficulty_feedback");
		assertProblem(post("/api/v1/ratings", "device-strict-1",
				"{\"content_id\":\"item-approved\",\"rating\":4,\"appropriate\":\"no\"}"), 400, "appropriate");
		assertProblem(post("/api/v1/ratings", "device strict", "{\"content_id\":\"item-approved\",\"rating\":4}"), 400,
				"X-Client-Id");
		assertProblem(post("/api/v1/ratings", "device-strict-1", "[1,2]"), 400, "");
	}

	@Test
	void numbersAndBooleansAreNotTakenAsTextAndCountNothing() {
		long before = summaryOf("item-approved").get("count").asLong();

		assertProblem(post("/api/v1/ratings", "device-typed-1",
				"{\"content_id\":\"item-approved\",\"rating\":5,\"comment\":123}"), 400, "Field 'comment'");
		assertProblem(post("/api/v1/ratings", "device-typed-1",
				"{\"content_id\":\"item-approved\",\"rating\":5,\"comment\":true}"), 400, "Field 'comment'");
		assertProblem(post("/api/v1/ratings", "device-typed-1", "{\"content_id\":12345,\"rating\":5}"), 400,
				"Field 'content_id'");
		assertProblem(
				post("/api/v1/reports", "device-typed-1",
						"{\"content_id\":\"item-approved\",\"reason_code\":\"OTHER\",\"comment\":4.5}"),
				400, "Field 'comment'");

		assertThat(summaryOf("item-approved").get("count").asLong()).isEqualTo(before);
	}

	@Test
	void aQueryStringThatIsNotUtf8IsA400ProblemNotA500() {
		ResponseEntity<JsonNode> answer = http().get()
			.uri(java.net.URI.create("http://localhost:" + port + "/api/v1/ratings/top?type=truth%FF%FE"))
			.retrieve()
			.toEntity(JsonNode.class);

		assertProblem(answer, 400, "UTF-8");
	}

	@Test
	void publishesItsOpenApiDocumentWithSnakeCaseBodiesForTheGateway() {
		ResponseEntity<JsonNode> answer = http().get().uri("/v3/api-docs").retrieve().toEntity(JsonNode.class);

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode document = answer.getBody();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("info").get("title").asString()).isEqualTo("rating-service");
		assertThat(document.get("servers")).hasSize(1);
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		assertThat(document.get("paths").propertyNames()).contains("/api/v1/ratings", "/api/v1/ratings/{contentId}",
				"/api/v1/ratings/top", "/api/v1/reports");
		assertThat(document.get("paths").get("/api/v1/ratings").has("post")).isTrue();
		// bodies are read strictly in snake_case: the schema must say content_id, not
		// contentId
		assertThat(document.get("components").get("schemas").get("RatingRequest").get("properties").propertyNames())
			.contains("content_id", "rating", "difficulty_feedback")
			.doesNotContain("contentId");
	}

}
