package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * If-Match by RFC 9110 (only a strong, current ETag or {@code *} lets a write through),
 * and what an anonymous submission may learn about items players cannot see.
 */
class PreconditionsAndHiddenItemsTest extends CmsTestSupport {

	private ResponseEntity<JsonNode> approve(String id, String ifMatch) {
		return http().post()
			.uri("/api/v1/cms/content/{id}/approve", id)
			.header("Authorization", "Bearer " + adminToken())
			.header("If-Match", ifMatch)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of())
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private String etag(String id) {
		return call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null).getHeaders().getETag();
	}

	private ResponseEntity<JsonNode> submit(String text) {
		return http().post()
			.uri("/api/v1/submissions")
			.header("X-Client-Id", "phone-" + UUID.randomUUID().toString().substring(0, 8))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", text, "category", "deep"))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void anEmptyOrWeakOrMalformedIfMatchNeverMatchesAWrite() {
		String id = createTruth(adminToken());
		String current = etag(id);
		assertThat(current).matches("\"\\d+\"");

		for (String ifMatch : new String[] { "", " ", "W/" + current, current.replace("\"", ""), "\"\"",
				"\"1\", \"2\"" }) {
			ResponseEntity<JsonNode> refused = approve(id, ifMatch);
			assertThat(refused.getStatusCode().value()).as("If-Match: [" + ifMatch + "]").isEqualTo(412);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(status(id)).isEqualTo("PENDING");

		assertThat(approve(id, current).getStatusCode().value()).isEqualTo(200);
		assertThat(status(id)).isEqualTo("APPROVED");
	}

	@Test
	void aStarMatchesAnExistingItemOnly() {
		String id = createTruth(adminToken());

		assertThat(approve(id, "*").getStatusCode().value()).isEqualTo(200);
		assertThat(approve("no-such-item-" + UUID.randomUUID(), "*").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aSubmissionRepeatingAHiddenItemIsRefusedWithoutItsIdButALiveOneIsNamed() {
		String text = "Which secret of " + UUID.randomUUID() + " did you never tell anyone?";
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "truth", "content", text, "category", "deep"));
		String id = created.getBody().get("id").asString();
		assertThat(status(id)).isEqualTo("PENDING");

		ResponseEntity<JsonNode> hidden = submit(text);

		assertThat(hidden.getStatusCode().value()).isEqualTo(409);
		assertThat(hidden.getBody().has("duplicate_of")).isFalse();
		assertThat(hidden.getBody().toString()).doesNotContain(id);

		call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/reject", adminToken(),
				Map.of("reason_code", "OFFENSIVE"));
		assertThat(status(id)).isEqualTo("REJECTED");
		assertThat(submit(text).getBody().toString()).doesNotContain(id);

		String liveText = "Which habit of " + UUID.randomUUID() + " would you drop first?";
		String live = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "truth", "content", liveText, "category", "deep"))
			.getBody()
			.get("id")
			.asString();
		call(HttpMethod.POST, "/api/v1/cms/content/" + live + "/approve", adminToken(), Map.of());
		ResponseEntity<JsonNode> named = submit(liveText);
		assertThat(named.getStatusCode().value()).isEqualTo(409);
		assertThat(named.getBody().get("duplicate_of").asString()).isEqualTo(live);
	}

}
