package dev.truthordare.content;

import dev.truthordare.events.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.infra.local.SerializedMongoBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The original API's clients, as they are: its paths, its exact shapes with integer ids,
 * deprecation headers. A context of its own (own Mongo and broker), so its catalogue
 * never shows in the other classes' counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@EmbeddedKafka(partitions = 1,
		topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY, Topics.RATINGS_REPORTS,
				Topics.TRANSLATIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyEndpointsTest {

	private static final MongoServer MONGO = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private static final String MONGO_ADDRESS = "mongodb://localhost:" + MONGO.bind().getPort() + "/content";

	private static final FakeTranslationService TRANSLATIONS = new FakeTranslationService();

	private static final String DEEP_TEXT = "What is your biggest regret in life so far?";

	private static final String EASY_TEXT = "Do ten jumping jacks right now.";

	@DynamicPropertySource
	static void wiring(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
		registry.add("spring.cloud.discovery.client.simple.instances.translation-service[0].uri", TRANSLATIONS::url);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, Object> kafka;

	@Autowired
	MeterRegistry meters;

	private static ContentSnapshot truth(String id, Integer legacyId, String category, ContentStatus status, String age,
			String text) {
		return new ContentSnapshot(id, ContentType.TRUTH, text, "en", category, null, 2, age, List.of("life"), status,
				null, null, null, null, null, null, Instant.now(), Instant.now(), 1, legacyId);
	}

	private static ContentSnapshot dare(String id, Integer legacyId, String difficulty, String text) {
		return new ContentSnapshot(id, ContentType.DARE, text, "en", "physical", difficulty, 2, "all", List.of("fun"),
				ContentStatus.APPROVED, 1, List.of(), true, true, new ContentSnapshot.GroupSize(1, 10), "safe",
				Instant.now(), Instant.now(), 1, legacyId);
	}

	@BeforeAll
	void publishCatalogue() {
		for (ContentSnapshot snapshot : List.of(
				truth("truth-017", 17, "deep", ContentStatus.APPROVED, "all", DEEP_TEXT),
				truth("truth-018", 18, "funny", ContentStatus.APPROVED, "13+", "What is the silliest thing you fear?"),
				truth("adult", 19, "funny", ContentStatus.APPROVED, "18+", "An adults-only question, be honest?"),
				truth("pending", 20, "general", ContentStatus.PENDING, "all", "A question nobody approved yet?"),
				truth("unnumbered", null, "funny", ContentStatus.APPROVED, "all", "A question without a number?"),
				dare("dare-005", 5, "easy", EASY_TEXT),
				dare("dare-006", 6, "hard", "Sing the national anthem standing on a chair."))) {
			kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, snapshot.id(), snapshot, "/test")).join();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode stats = get("/api/v2/stats").getBody();
			return stats != null && stats.path("total").asLong() == 6;
		});
	}

	private ResponseEntity<JsonNode> get(String path) {
		return RestClient.builder().defaultStatusHandler(status -> true, (request, response) -> {
		}).build().get().uri(URI.create("http://localhost:" + port + path)).retrieve().toEntity(JsonNode.class);
	}

	private Set<Integer> drawIds(String path, int times) {
		Set<Integer> ids = new HashSet<>();
		for (int i = 0; i < times; i++) {
			ResponseEntity<JsonNode> answer = get(path);
			assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
			assertThat(answer.getBody().get("id").isInt()).isTrue();
			ids.add(answer.getBody().get("id").asInt());
		}
		return ids;
	}

	@Test
	void v1AnswersExactlyTheOriginalShapeWithIntegerIds() {
		ResponseEntity<JsonNode> truth = get("/api/v1/truth?category=deep");
		ResponseEntity<JsonNode> dare = get("/api/v1/dare?difficulty=easy");

		assertThat(truth.getStatusCode().value()).isEqualTo(200);
		assertThat(truth.getBody().toString())
			.isEqualTo("{\"id\":17,\"type\":\"truth\",\"content\":\"" + DEEP_TEXT + "\",\"category\":\"deep\"}");
		assertThat(dare.getBody().toString())
			.isEqualTo("{\"id\":5,\"type\":\"dare\",\"content\":\"" + EASY_TEXT + "\",\"difficulty\":\"easy\"}");
	}

	@Test
	void v2AddsTagsDifficultyLevelAgeRatingAndLanguage() {
		assertThat(get("/api/v2/truth?category=deep").getBody().toString()).isEqualTo("{\"id\":17,\"type\":\"truth\","
				+ "\"content\":\"" + DEEP_TEXT + "\",\"category\":\"deep\",\"tags\":[\"life\"],\"difficulty_level\":2,"
				+ "\"age_rating\":\"all\",\"language\":\"en\"}");
		assertThat(get("/api/v2/dare/easy").getBody().toString()).isEqualTo("{\"id\":5,\"type\":\"dare\","
				+ "\"content\":\"" + EASY_TEXT + "\",\"difficulty\":\"easy\",\"tags\":[\"fun\"],\"difficulty_level\":2,"
				+ "\"age_rating\":\"all\",\"language\":\"en\"}");
	}

	@Test
	void onlyApprovedNumberedItemsWithinTheDefaultAgeRatingAreServed() {
		assertThat(drawIds("/api/v1/truth", 60)).containsExactlyInAnyOrder(17, 18);
		assertThat(drawIds("/api/v1/truth/FUNNY", 10)).containsExactly(18);
		assertThat(drawIds("/api/v1/dare?difficulty=hard,easy", 40)).containsExactlyInAnyOrder(5, 6);
	}

	@Test
	void unknownValuesAreProblemsNamingTheAllowedOnes() {
		ResponseEntity<JsonNode> query = get("/api/v1/truth?category=spicy");
		ResponseEntity<JsonNode> path = get("/api/v1/dare/brutal");
		ResponseEntity<JsonNode> empty = get("/api/v1/dare?difficulty=extreme");

		assertThat(query.getStatusCode().value()).isEqualTo(400);
		assertThat(query.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(query.getBody().get("allowed_values").toString()).contains("general", "embarrassing");
		assertThat(query.getBody().get("message").asString()).contains("spicy");
		assertThat(query.getBody().get("status_code").asInt()).isEqualTo(400);
		// the original answered an unknown path segment with 404
		assertThat(path.getStatusCode().value()).isEqualTo(404);
		assertThat(path.getBody().get("error").asString()).isEqualTo("DifficultyNotFoundError");
		assertThat(path.getBody().get("allowed_values").toString()).contains("easy", "extreme");
		assertThat(empty.getStatusCode().value()).isEqualTo(404);
		assertThat(empty.getBody().get("detail").asString()).contains("extreme");
	}

	@Test
	void listsHealthAndTheGameAnswerInTheOriginalShapes() {
		assertThat(get("/api/v1/truth/categories/list").getBody().toString()).isEqualTo("[\"deep\",\"funny\"]");
		assertThat(get("/api/v1/dare/difficulties/list").getBody().toString()).isEqualTo("[\"easy\",\"hard\"]");

		JsonNode health = get("/api/v1/health").getBody();
		assertThat(health.get("status").asString()).isEqualTo("healthy");
		assertThat(health.get("data").toString())
			.isEqualTo("{\"total_truths\":2,\"total_dares\":2,\"truth_categories\":2,\"dare_difficulties\":2}");
		assertThat(health.get("categories").toString()).isEqualTo("{\"funny\":1,\"deep\":1}");
		assertThat(health.get("difficulties").toString()).isEqualTo("{\"easy\":1,\"hard\":1}");
		assertThat(health.has("error")).isTrue();
		assertThat(Instant.parse(health.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));

		JsonNode game = get("/api/v1/game/random").getBody();
		assertThat(game.get("id").isInt()).isTrue();
		assertThat(game.has("category")).isTrue();
		assertThat(game.has("difficulty")).isTrue();
		assertThat(game.get(game.get("type").asString().equals("truth") ? "difficulty" : "category").isNull()).isTrue();
	}

	@Test
	void everyAnswerIsMarkedDeprecatedWithItsSuccessorAndCounted() {
		double before = count("/api/{version:v1|v2}/truth", "200");

		ResponseEntity<JsonNode> truth = get("/api/v1/truth");
		ResponseEntity<JsonNode> refused = get("/api/v1/truth?category=spicy");

		assertThat(truth.getHeaders().getFirst("Deprecation")).isEqualTo("@1767225600");
		assertThat(truth.getHeaders().getFirst("Sunset")).isEqualTo("Wed, 30 Jun 2027 23:59:59 GMT");
		assertThat(truth.getHeaders().getFirst("Link")).isEqualTo("</api/v2/truths/random>; rel=\"successor-version\"");
		assertThat(truth.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(refused.getHeaders().getFirst("Deprecation")).isEqualTo("@1767225600");
		assertThat(get("/api/v1/dare/difficulties/list").getHeaders().getFirst("Link"))
			.isEqualTo("</api/v2/dares/difficulties>; rel=\"successor-version\"");
		assertThat(count("/api/{version:v1|v2}/truth", "200")).isEqualTo(before + 1);
		assertThat(count("/api/{version:v1|v2}/truth", "400")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void theNewApiIsUnchanged() {
		ResponseEntity<JsonNode> random = get("/api/v1/truths/random?category=deep");

		assertThat(random.getBody().get("id").asString()).isEqualTo("truth-017");
		assertThat(random.getHeaders().getFirst("Link")).contains("/api/v2/truths/random");
		assertThat(get("/api/v1/stats").getBody().get("truths").asInt()).isEqualTo(4);
	}

	@Test
	void theCountSaysWhichKindOfClientStillCalls() {
		RestClient.builder()
			.build()
			.get()
			.uri(URI.create("http://localhost:" + port + "/api/v1/health"))
			.header("User-Agent", "party-bot/2.1 (+https://example.org)")
			.retrieve()
			.toBodilessEntity();

		assertThat(meters.find("legacy_api_requests")
			.tag("path", "/api/v1/health")
			.tag("client", "party-bot")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void theOpenApiDocumentMarksTheOriginalPathsDeprecated() {
		JsonNode paths = get("/v3/api-docs").getBody().get("paths");

		assertThat(paths.get("/api/v1/health").get("get").get("deprecated").asBoolean()).isTrue();
		assertThat(paths.get("/api/v2/truth/{category}").get("get").get("deprecated").asBoolean()).isTrue();
	}

	private double count(String path, String status) {
		return meters.find("legacy_api_requests")
			.tag("path", path)
			.tag("status", status)
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

}
