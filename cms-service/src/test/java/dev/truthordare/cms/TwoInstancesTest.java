package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Two CMS instances side by side on one store: what one accepted, the other knows about.
 */
class TwoInstancesTest {

	private static final String LEGACY_TEXT = "What is the strangest thing you ever found in a library book?";

	private static CmsInstances instances;

	private static CmsInstances.Instance a;

	private static CmsInstances.Instance b;

	@BeforeAll
	static void start() {
		instances = new CmsInstances();
		// an item stored before near-duplicate keys existed
		try (MongoClient client = MongoClients.create(instances.mongoAddress())) {
			client.getDatabase("cms")
				.getCollection("content")
				.insertOne(new Document("_id", "legacy-library").append("type", "TRUTH")
					.append("status", "APPROVED")
					.append("content", LEGACY_TEXT)
					.append("language", "en")
					.append("category", "funny")
					.append("legacyId", 900)
					.append("legacyKey", "truth:900")
					.append("version", 3L));
		}
		// both at once: the key backfill and the bootstrap admin race each other
		var first = CompletableFuture.supplyAsync(() -> instances.start("a", "cms.submissions.per-client-per-hour=5",
				"cms.submissions.per-address-per-hour=8"));
		var second = CompletableFuture.supplyAsync(() -> instances.start("b", "cms.submissions.per-client-per-hour=5",
				"cms.submissions.per-address-per-hour=8"));
		a = first.join();
		b = second.join();
	}

	@AfterAll
	static void stop() {
		instances.close();
	}

	@Test
	void aNearDuplicateThroughOneInstanceOfAnItemCreatedThroughTheOtherIsRefused() {
		String original = "What is your biggest fear about " + UUID.randomUUID().toString().substring(0, 8) + "?";
		String id = create(a, original).getBody().get("id").asString();

		ResponseEntity<JsonNode> twin = create(b, original.toUpperCase().replace("WHAT IS", "what's") + "?");

		assertThat(twin.getStatusCode().value()).isEqualTo(409);
		assertThat(twin.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(twin.getBody().get("duplicate_of").asString()).isEqualTo(id);
		assertThat(twin.getBody().get("similarity").asDouble()).isGreaterThanOrEqualTo(0.8);
	}

	@Test
	void anEditThroughOneInstanceMayNotCopyAnItemOfTheOtherButMayKeepItsOwnText() {
		String taken = "Which song do you sing when " + UUID.randomUUID().toString().substring(0, 8) + " is near?";
		String takenId = create(a, taken).getBody().get("id").asString();
		String mineText = "Which film made you cry about " + UUID.randomUUID().toString().substring(0, 8) + "?";
		String mine = create(b, mineText).getBody().get("id").asString();

		ResponseEntity<JsonNode> copy = b.call(HttpMethod.PUT, "/api/v1/cms/content/" + mine, b.adminToken(),
				Map.of("content", taken));
		ResponseEntity<JsonNode> same = a.call(HttpMethod.PUT, "/api/v1/cms/content/" + mine, a.adminToken(),
				Map.of("content", mineText + "!", "category", "deep"));

		assertThat(copy.getStatusCode().value()).isEqualTo(409);
		assertThat(copy.getBody().get("duplicate_of").asString()).isEqualTo(takenId);
		assertThat(same.getStatusCode().value()).as(String.valueOf(same.getBody())).isEqualTo(200);
	}

	@Test
	void aRejectedItemIsNoDuplicateOnEitherInstance() {
		String text = "Who would you call first if " + UUID.randomUUID().toString().substring(0, 8) + " happened?";
		String id = create(a, text).getBody().get("id").asString();
		assertThat(a
			.call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/reject", a.adminToken(),
					Map.of("reason_code", "LOW_QUALITY"))
			.getStatusCode()
			.value()).isEqualTo(200);

		assertThat(create(b, text).getStatusCode().value()).isEqualTo(201);
	}

	@Test
	void itemsStoredBeforeTheKeysExistedAreFoundAndKeepTheirVersion() {
		ResponseEntity<JsonNode> twin = create(b, LEGACY_TEXT.toLowerCase());

		assertThat(twin.getStatusCode().value()).isEqualTo(409);
		assertThat(twin.getBody().get("duplicate_of").asString()).isEqualTo("legacy-library");
		JsonNode legacy = a.call(HttpMethod.GET, "/api/v1/cms/content/legacy-library", a.adminToken(), null).getBody();
		assertThat(legacy.get("version").asLong()).isEqualTo(3);
	}

	@Test
	void aPlayersNearDuplicateOfAHiddenItemOfTheOtherInstanceIsRefusedWithoutNamingIt() {
		String text = "What did you promise " + UUID.randomUUID().toString().substring(0, 8) + " and never do?";
		create(a, text); // PENDING: players cannot see it

		ResponseEntity<JsonNode> submitted = submit(b, "phone-" + UUID.randomUUID(), "198.51.100.40", text);

		assertThat(submitted.getStatusCode().value()).isEqualTo(409);
		assertThat(submitted.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(submitted.getBody().has("duplicate_of")).isFalse();
	}

	@Test
	void aClientsHourlySubmissionLimitCountsWhateverInstanceTookThem() {
		String client = "phone-" + UUID.randomUUID().toString().substring(0, 8);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			CmsInstances.Instance via = i % 2 == 0 ? a : b;
			statuses.add(submit(via, client, "198.51.100.41", "Submitted question " + UUID.randomUUID() + "?")
				.getStatusCode()
				.value());
		}

		assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429, 429);
	}

	@Test
	void anAddressesHourlySubmissionLimitCountsWhateverInstanceTookThem() {
		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			CmsInstances.Instance via = i % 2 == 0 ? b : a;
			answers.add(submit(via, "invented-" + UUID.randomUUID(), "198.51.100.42",
					"Question number " + i + " from a school " + UUID.randomUUID() + "?"));
		}

		assertThat(answers.subList(0, 8))
			.allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(201));
		ResponseEntity<JsonNode> ninth = answers.get(8);
		assertThat(ninth.getStatusCode().value()).isEqualTo(429);
		assertThat(ninth.getBody().get("detail").asString()).contains("8 submissions per hour from one address");
		assertThat(Long.parseLong(ninth.getHeaders().getFirst("Retry-After"))).isBetween(1L, 3600L);
	}

	private static ResponseEntity<JsonNode> create(CmsInstances.Instance via, String text) {
		return via.call(HttpMethod.POST, "/api/v1/cms/content", via.adminToken(),
				Map.of("type", "truth", "content", text, "category", "deep"));
	}

	private static ResponseEntity<JsonNode> submit(CmsInstances.Instance via, String client, String address,
			String text) {
		return via.call(HttpMethod.POST, "/api/v1/submissions", null,
				Map.of("type", "truth", "content", text, "category", "funny"), "X-Client-Id", client,
				"X-Client-Address", address);
	}

}
