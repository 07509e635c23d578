package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The original API's truths.json and dares.json, imported exactly as they are on disk.
 */
class LegacyImportTest extends CmsTestSupport {

	/**
	 * Blocks of legacy ids far above the seed catalogue's, one block per test, so tests
	 * never share an item.
	 */
	private static final AtomicInteger IDS = new AtomicInteger(
			ThreadLocalRandom.current().nextInt(1_000, 9_000) * 10_000);

	private static String text(String kind) {
		return kind + " " + UUID.randomUUID() + " from the old API?";
	}

	private ResponseEntity<JsonNode> importFile(String query, String json) {
		return call(HttpMethod.POST, "/api/v1/cms/import" + query, adminToken(), json);
	}

	private JsonNode item(String id) {
		ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null);
		assertThat(answer.getStatusCode().value()).as(id + ": " + answer.getBody()).isEqualTo(200);
		return answer.getBody();
	}

	private int statusOf(String id) {
		return call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null).getStatusCode().value();
	}

	private static List<String> ids(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.forEach(outcome -> ids.add(outcome.get("id").asString()));
		return ids;
	}

	@Test
	void aV1FileWithIntegerIdsImportsAndTheSecondImportChangesNothing() {
		int base = IDS.getAndAdd(100);
		String truths = """
				[
				  {"id": %d, "content": "%s", "category": "deep"},
				  {"id": %d, "content": "%s", "category": "funny"}
				]""".formatted(base + 1, text("Truth one"), base + 2, text("Truth two"));

		ResponseEntity<JsonNode> first = importFile("?type=truth", truths);
		ResponseEntity<JsonNode> second = importFile("?type=truth", truths);

		assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(200);
		assertThat(first.getBody().get("created_count").asInt()).isEqualTo(2);
		JsonNode created = first.getBody().get("created").get(0);
		assertThat(created.get("index").asInt()).isZero();
		assertThat(created.get("legacy_id").asInt()).isEqualTo(base + 1);
		assertThat(created.get("number").asInt()).isEqualTo(base + 1);
		String id = created.get("id").asString();
		assertThat(item(id).get("legacy_id").asInt()).isEqualTo(base + 1);
		assertThat(item(id).get("status").asString()).isEqualTo("APPROVED");
		long version = item(id).get("version").asLong();

		assertThat(second.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody().get("created_count").asInt()).isZero();
		assertThat(second.getBody().get("updated_count").asInt()).isZero();
		assertThat(second.getBody().get("skipped_count").asInt()).isEqualTo(2);
		assertThat(second.getBody().get("skipped").get(0).get("reason").asString()).isEqualTo("unchanged");
		assertThat(item(id).get("version").asLong()).isEqualTo(version);
	}

	@Test
	void aV2FileWithTheMigrationScriptsFieldsImportsInTheEnvelopeAndTwiceChangesNothing() {
		int base = IDS.getAndAdd(100);
		String file = """
				{"truths": [
				   {"id": "%d", "content": "%s", "category": "deep", "tags": ["deep", "personal"],
				    "difficulty_level": 3, "age_rating": "13+", "language": "en",
				    "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z", "is_active": true,
				    "usage_count": 0, "rating": {"average": 0.0, "count": 0}},
				   {"id": %d, "content": "%s", "category": "general"}
				 ],
				 "dares": [
				   {"id": %d, "content": "%s", "difficulty": "easy", "category": "physical", "duration_minutes": 1,
				    "props_required": [], "indoor_suitable": true, "outdoor_suitable": true,
				    "group_size": {"min": 1, "max": 10}, "age_rating": "all", "safety_level": "safe"},
				   {"id": %d, "content": "%s", "difficulty": "hard", "is_active": false}
				 ]}""".formatted(base + 1, text("A v2 truth"), base + 2, text("A v1 truth in a v2 file"), base + 1,
				text("Do a v2 dare"), base + 2, text("Do a retired dare"));

		ResponseEntity<JsonNode> first = importFile("", file);
		ResponseEntity<JsonNode> second = importFile("", file);

		assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(200);
		assertThat(first.getBody().get("created_count").asInt()).isEqualTo(4);
		JsonNode truth = item("imported-truth-" + (base + 1));
		assertThat(truth.get("legacy_id").asInt()).isEqualTo(base + 1);
		assertThat(truth.get("tags").toString()).isEqualTo("[\"deep\",\"personal\"]");
		assertThat(truth.get("difficulty_level").asInt()).isEqualTo(3);
		assertThat(truth.get("age_rating").asString()).isEqualTo("13+");
		JsonNode dare = item("imported-dare-" + (base + 1));
		assertThat(dare.get("legacy_id").asInt()).isEqualTo(base + 1);
		assertThat(dare.get("group_size").get("max").asInt()).isEqualTo(10);
		assertThat(dare.get("indoor_suitable").asBoolean()).isTrue();
		assertThat(item("imported-dare-" + (base + 2)).get("status").asString()).isEqualTo("ARCHIVED");

		assertThat(second.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody().get("created_count").asInt()).isZero();
		assertThat(second.getBody().get("updated_count").asInt()).isZero();
		assertThat(second.getBody().get("skipped_count").asInt()).isEqualTo(4);
	}

	@Test
	void aDryRunAnswersWhatWouldHappenAndChangesNothing() {
		int base = IDS.getAndAdd(100);
		String original = "[{\"id\": %d, \"content\": \"%s\", \"difficulty\": \"medium\"}]".formatted(base + 1,
				text("Do the original dare"));
		importFile("?type=dare", original);
		String id = "imported-dare-" + (base + 1);
		JsonNode before = item(id);
		String next = """
				[{"id": %d, "content": "%s", "difficulty": "medium"},
				 {"id": "%d", "content": "%s", "difficulty": "easy"},
				 {"id": "old-favourite", "content": "%s", "difficulty": "easy"}]""".formatted(base + 1,
				text("Do the edited dare"), base + 2, text("Do a brand new dare"),
				text("Do a dare with a word for an id"));

		ResponseEntity<JsonNode> dryRun = importFile("?type=dare&dry_run=true", next);

		assertThat(dryRun.getStatusCode().value()).as(String.valueOf(dryRun.getBody())).isEqualTo(200);
		assertThat(dryRun.getBody().get("dry_run").asBoolean()).isTrue();
		assertThat(ids(dryRun.getBody().get("updated"))).containsExactly(id);
		assertThat(dryRun.getBody().get("updated").get(0).get("changed").toString()).isEqualTo("[\"content\"]");
		assertThat(dryRun.getBody().get("updated").get(0).get("status").asString()).isEqualTo("PENDING");
		assertThat(ids(dryRun.getBody().get("created"))).containsExactly("imported-dare-" + (base + 2),
				"imported-dare-old-favourite");
		assertThat(item(id)).isEqualTo(before);
		assertThat(statusOf("imported-dare-" + (base + 2))).isEqualTo(404);
		assertThat(statusOf("imported-dare-old-favourite")).isEqualTo(404);

		ResponseEntity<JsonNode> real = importFile("?type=dare", next);

		assertThat(real.getBody().get("dry_run").asBoolean()).isFalse();
		assertThat(ids(real.getBody().get("updated"))).isEqualTo(ids(dryRun.getBody().get("updated")));
		assertThat(ids(real.getBody().get("created"))).isEqualTo(ids(dryRun.getBody().get("created")));
		// a word for an id gets the next free number
		assertThat(item("imported-dare-old-favourite").get("legacy_id").asInt()).isGreaterThan(base + 2);
	}

	@Test
	void oneInvalidItemRefusesTheWholeFileWithEveryProblemByIndexAndLegacyId() {
		int base = IDS.getAndAdd(100);
		String file = """
				[
				  {"id": %d, "content": "%s", "category": "deep"},
				  {"content": "%s", "category": "deep"},
				  {"id": 17.5, "content": "%s", "category": "deep"},
				  {"id": %d, "content": "tiny", "category": "nonsense"},
				  {"id": %d, "content": "%s", "category": "deep", "mood": "sunny", "tags": "one"},
				  {"id": %d, "content": "%s", "category": "deep"},
				  {"id": "../../etc/passwd", "content": "%s", "category": "deep"},
				  {"id": 0, "content": "%s", "category": "deep"},
				  {"id": "000", "content": "%s", "category": "deep"}
				]""".formatted(base + 1, text("Fine truth"), text("No id"), text("Float id"), base + 3, base + 4,
				text("Extra fields"), base + 1, text("Same id twice"), text("Path id"), text("Zero"), text("Zeros"));

		ResponseEntity<JsonNode> refused = importFile("?type=truth", file);

		assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(422);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode body = refused.getBody();
		assertThat(body.get("detail").asString()).contains("nothing was imported");
		assertThat(body.get("refused_count").asInt()).isEqualTo(8);
		assertThat(body.get("created_count").asInt()).isZero();
		List<Integer> indexes = new ArrayList<>();
		body.get("refused").forEach(outcome -> indexes.add(outcome.get("index").asInt()));
		assertThat(indexes).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
		JsonNode invalid = body.get("refused").get(2);
		assertThat(invalid.get("legacy_id").asInt()).isEqualTo(base + 3);
		assertThat(invalid.get("problems").toString()).contains("content", "category");
		JsonNode extra = body.get("refused").get(3);
		assertThat(extra.get("problems").toString()).contains("mood", "tags");
		assertThat(body.get("refused").get(4).get("reason").asString()).contains("more than once", "index 0");
		assertThat(body.get("refused").get(5).get("legacy_id").asString()).isEqualTo("../../etc/passwd");
		assertThat(body.get("refused").get(7).get("reason").asString()).contains("positive integer");
		assertThat(statusOf("imported-truth-" + (base + 1))).isEqualTo(404);
	}

	@Test
	void anEditedLegacyItemUpdatesTheSameItemAsANewVersionBackThroughModerationWhenItsTextChanged() {
		int base = IDS.getAndAdd(100);
		String id = "imported-truth-" + (base + 17);
		importFile("?type=truth", "[{\"id\": %d, \"content\": \"%s\", \"category\": \"deep\", \"tags\": [\"kept\"]}]"
			.formatted(base + 17, text("The first wording")));
		long version = item(id).get("version").asLong();

		ResponseEntity<JsonNode> recategorised = importFile("?type=truth",
				"[{\"id\": %d, \"content\": \"%s\", \"category\": \"general\"}]".formatted(base + 17,
						item(id).get("content").asString()));

		assertThat(recategorised.getBody().get("updated").get(0).get("changed").toString()).isEqualTo("[\"category\"]");
		assertThat(item(id).get("status").asString()).isEqualTo("APPROVED");
		assertThat(item(id).get("version").asLong()).isEqualTo(version + 1);
		// a v1 file only says what v1 knows: the tags stay
		assertThat(item(id).get("tags").toString()).isEqualTo("[\"kept\"]");

		String edited = text("The second wording");
		ResponseEntity<JsonNode> reworded = importFile("?type=truth",
				"[{\"id\": \"%d\", \"content\": \"%s\", \"category\": \"general\"}]".formatted(base + 17, edited));

		assertThat(reworded.getStatusCode().value()).as(String.valueOf(reworded.getBody())).isEqualTo(200);
		assertThat(ids(reworded.getBody().get("updated"))).containsExactly(id);
		JsonNode after = item(id);
		assertThat(after.get("content").asString()).isEqualTo(edited);
		assertThat(after.get("status").asString()).isEqualTo("PENDING");
		assertThat(after.get("version").asLong()).isEqualTo(version + 2);
		assertThat(after.get("legacy_id").asInt()).isEqualTo(base + 17);
		JsonNode history = call(HttpMethod.GET, "/api/v1/cms/content/" + id + "/history", adminToken(), null).getBody()
			.get("history");
		assertThat(history.get(history.size() - 1).get("action").asString()).isEqualTo("import");
	}

	@Test
	void theSeedCatalogueIsTheOriginalsItemsSoItsNumbersMapToTheSeedItems() {
		JsonNode seed = item("truth-017");
		assertThat(seed.get("legacy_id").asInt()).isEqualTo(17);
		assertThat(item("dare-005").get("legacy_id").asInt()).isEqualTo(5);

		ResponseEntity<JsonNode> same = importFile("?type=truth&dry_run=true",
				"[{\"id\": 17, \"content\": %s, \"category\": \"%s\"}]".formatted(seed.get("content").toString(),
						seed.get("category").asString()));

		assertThat(same.getBody().get("skipped").get(0).get("id").asString()).isEqualTo("truth-017");
		assertThat(same.getBody().get("skipped").get(0).get("reason").asString()).isEqualTo("unchanged");
	}

	@Test
	void aNumberHeldByAnItemCreatedHereIsRefusedRatherThanOverwritten() {
		String created = createTruth(adminToken());
		int number = item(created).get("legacy_id").asInt();

		ResponseEntity<JsonNode> refused = importFile("?type=truth",
				"[{\"id\": %d, \"content\": \"%s\", \"category\": \"deep\"}]".formatted(number, text("Clash")));

		assertThat(refused.getStatusCode().value()).isEqualTo(422);
		assertThat(refused.getBody().get("refused").get(0).get("reason").asString()).contains(created);
	}

	@Test
	void theBodyMustBeAnEnvelopeOrABareArrayWithItsType() {
		assertThat(importFile("", "[{\"id\": 1, \"content\": \"What would you do?\", \"category\": \"deep\"}]")
			.getStatusCode()
			.value()).isEqualTo(400);
		assertThat(importFile("?type=truth", "{\"truths\": []}").getStatusCode().value()).isEqualTo(400);
		assertThat(importFile("", "{\"truths\": [], \"jokes\": []}").getStatusCode().value()).isEqualTo(400);
		assertThat(importFile("?type=poem", "[]").getStatusCode().value()).isEqualTo(400);
		assertThat(importFile("", "{\"truths\": [], \"truths\": []}").getStatusCode().value()).isEqualTo(400);
		assertThat(call(HttpMethod.POST, "/api/v1/cms/import?type=truth", tokenWithRoles("MODERATOR"), "[]")
			.getStatusCode()
			.value()).isEqualTo(403);
	}

}
