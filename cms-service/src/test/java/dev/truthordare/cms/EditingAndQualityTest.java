package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class EditingAndQualityTest extends CmsTestSupport {

	private String approvedTruth() {
		String id = createTruth(adminToken());
		call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/approve", adminToken(), Map.of());
		return id;
	}

	@Test
	void aModeratorsEditKeepsAnApprovedItemLiveAndTheHistoryKeepsTheOldText() {
		String id = approvedTruth();
		String before = call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null).getBody()
			.get("content")
			.asString();
		String after = "Which place from " + UUID.randomUUID() + " do you miss most?";

		ResponseEntity<JsonNode> edited = call(HttpMethod.PUT, "/api/v1/cms/content/" + id, tokenWithRoles("MODERATOR"),
				Map.of("content", after));

		assertThat(edited.getStatusCode().value()).isEqualTo(200);
		assertThat(edited.getBody().get("status").asString()).isEqualTo("APPROVED");
		JsonNode history = call(HttpMethod.GET, "/api/v1/cms/content/" + id + "/history", adminToken(), null).getBody()
			.get("history");
		JsonNode edit = history.get(history.size() - 1);
		assertThat(edit.get("action").asString()).isEqualTo("edit");
		assertThat(edit.get("old_content").asString()).isEqualTo(before);
		assertThat(edit.get("new_content").asString()).isEqualTo(after);
		assertThat(edit.get("actor").asString()).startsWith("user-");
	}

	@Test
	void anEditByAnAdminWithoutTheModeratorRoleSendsTheItemBackToReview() {
		String id = approvedTruth();

		ResponseEntity<JsonNode> edited = call(HttpMethod.PUT, "/api/v1/cms/content/" + id, tokenWithRoles("ADMIN"),
				Map.of("content", "What would " + UUID.randomUUID() + " say about you?"));

		assertThat(edited.getBody().get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void bannedWordsAreRefusedWith422NamingTheRuleNotTheWord() {
		ResponseEntity<JsonNode> answer = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(), Map.of("type",
				"dare", "content", "Shout H.3.C.K out of the window", "category", "silly", "difficulty", "easy"));

		assertThat(answer.getStatusCode().value()).isEqualTo(422);
		assertThat(answer.getBody().get("rule").asString()).isEqualTo("banned_words");
		assertThat(answer.getBody().toString()).doesNotContainIgnoringCase("heck");
	}

	@Test
	void nearDuplicatesAreRefusedWith409NamingTheExistingItem() {
		String original = "What is your biggest fear about " + UUID.randomUUID().toString().substring(0, 8) + "?";
		String id = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "truth", "content", original, "category", "deep"))
			.getBody()
			.get("id")
			.asString();

		ResponseEntity<JsonNode> twin = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(), Map.of("type",
				"truth", "content", original.toUpperCase().replace("WHAT IS", "what's") + "?", "category", "deep"));

		assertThat(twin.getStatusCode().value()).isEqualTo(409);
		assertThat(twin.getBody().get("duplicate_of").asString()).isEqualTo(id);
		assertThat(twin.getBody().get("similarity").asDouble()).isGreaterThanOrEqualTo(0.8);
	}

	@Test
	void unknownFieldsAndTypeMismatchesAreRefused() {
		ResponseEntity<JsonNode> unknown = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "truth", "content", "Who is your hero " + UUID.randomUUID() + "?", "category", "deep",
						"status", "APPROVED"));
		ResponseEntity<JsonNode> wrongCategory = call(HttpMethod.POST, "/api/v1/cms/content", adminToken(), Map
			.of("type", "truth", "content", "Who is your hero " + UUID.randomUUID() + "?", "category", "physical"));

		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
		assertThat(wrongCategory.getStatusCode().value()).isEqualTo(400);
		assertThat(wrongCategory.getBody().get("errors").toString()).contains("category");
	}

	@Test
	void searchFindsItemsByFoldedTextAndTheQueueIsOldestFirst() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "truth", "content", "What's the zz" + marker + " thing you ate?", "category", "funny"));

		JsonNode found = call(HttpMethod.GET, "/api/v1/cms/content?q=ZZ" + marker, adminToken(), null).getBody();
		JsonNode queue = call(HttpMethod.GET, "/api/v1/cms/queue?status=PENDING&size=100", adminToken(), null)
			.getBody();

		assertThat(found.get("total").asLong()).isEqualTo(1);
		var created = queue.get("items")
			.valueStream()
			.map(entry -> java.time.Instant.parse(entry.get("item").get("created_at").asString()))
			.toList();
		assertThat(created).isSorted();
		assertThat(
				call(HttpMethod.GET, "/api/v1/cms/queue?status=APPROVED", adminToken(), null).getStatusCode().value())
			.isEqualTo(400);
		assertThat(call(HttpMethod.GET, "/api/v1/cms/content?page=-1", adminToken(), null).getStatusCode().value())
			.isEqualTo(400);
	}

}
