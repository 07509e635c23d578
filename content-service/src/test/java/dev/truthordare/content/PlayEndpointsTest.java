package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
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

/** The read side fed only by the real content stream: it serves APPROVED items and nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        // translation-service is not running: every translated request must fall back to English
        "spring.cloud.discovery.client.simple.instances.translation-service[0].uri=http://localhost:1"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayEndpointsTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_ADDRESS = "mongodb://localhost:" + MONGO.bind().getPort() + "/content";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    private static ContentSnapshot truth(String id, ContentStatus status, long version, String ageRating) {
        return new ContentSnapshot(id, ContentType.TRUTH, "Question number " + id + ", be honest?", "en", "funny",
                null, 2, ageRating, List.of(), status, null, null, null, null, null, null, Instant.now(),
                Instant.now(), version);
    }

    private static ContentSnapshot dare(String id, ContentStatus status) {
        return new ContentSnapshot(id, ContentType.DARE, "Do a little dance for " + id, "en", "silly", "easy", 1,
                "all", List.of("dance"), status, 2, List.of(), true, false, new ContentSnapshot.GroupSize(2, 8),
                "safe", Instant.now(), Instant.now(), 1);
    }

    private void publish(ContentSnapshot snapshot) {
        kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, snapshot.id(), snapshot, "/test")).join();
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private ResponseEntity<JsonNode> get(String path) {
        return http().get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    @BeforeAll
    void publishCatalogue() {
        publish(truth("t-approved-1", ContentStatus.APPROVED, 1, "all"));
        publish(truth("t-approved-2", ContentStatus.APPROVED, 1, "13+"));
        publish(truth("t-adult", ContentStatus.APPROVED, 1, "18+"));
        publish(truth("t-pending", ContentStatus.PENDING, 1, "all"));
        publish(truth("t-archived", ContentStatus.APPROVED, 1, "all"));
        publish(truth("t-archived", ContentStatus.ARCHIVED, 2, "all"));
        publish(truth("t-archived", ContentStatus.APPROVED, 1, "all")); // a stale replay must not resurrect it
        publish(dare("d-approved", ContentStatus.APPROVED));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/stats").getBody().get("total").asLong() == 4);
    }

    @Test
    void randomTruthsComeOnlyFromApprovedItemsWithinTheDefaultAgeRating() {
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            ResponseEntity<JsonNode> answer = get("/api/v1/truths/random");
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
            drawn.add(answer.getBody().get("id").asString());
        }
        assertThat(drawn).containsExactlyInAnyOrder("t-approved-1", "t-approved-2");
    }

    @Test
    void adultItemsAppearOnlyWhenAskedForExplicitly() {
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            drawn.add(http().get().uri(java.net.URI.create("http://localhost:" + port
                    + "/api/v1/truths/random?max_age_rating=18%2B")).retrieve().body(JsonNode.class).get("id").asString());
            // '+' unencoded arrives as a space: clients that forget to encode it still get what they meant
            drawn.add(get("/api/v1/truths/random?max_age_rating=18+").getBody().get("id").asString());
        }
        assertThat(drawn).contains("t-adult");
    }

    @Test
    void v1KeepsTheOriginalShapeAndAnnouncesItsSunset() {
        ResponseEntity<JsonNode> answer = get("/api/v1/dares/random");

        assertThat(answer.getBody().propertyNames()).containsExactlyInAnyOrder("id", "type", "content", "difficulty");
        assertThat(answer.getBody().get("difficulty").asString()).isEqualTo("easy");
        assertThat(answer.getHeaders().getFirst("Deprecation")).isNotBlank();
        assertThat(answer.getHeaders().getFirst("Sunset")).isNotBlank();
        assertThat(answer.getHeaders().getFirst("Link")).contains("/api/v2/dares");
    }

    @Test
    void v2ReturnsTheFullItem() {
        JsonNode dare = get("/api/v2/dares/d-approved").getBody();

        assertThat(dare.get("group_size").get("max").asInt()).isEqualTo(8);
        assertThat(dare.get("indoor_suitable").asBoolean()).isTrue();
        assertThat(dare.get("rating").get("count").asLong()).isZero();
        assertThat(dare.get("age_rating").asString()).isEqualTo("all");
    }

    @Test
    void pendingArchivedAndWrongTypeItemsAre404Problems() {
        for (String path : List.of("/api/v1/truths/t-pending", "/api/v1/truths/t-archived", "/api/v1/dares/t-approved-1",
                "/api/v1/truths/does-not-exist")) {
            ResponseEntity<JsonNode> answer = get(path);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aMissingTranslationFallsBackToEnglishAndSaysSo() {
        ResponseEntity<JsonNode> answer = get("/api/v1/truths/t-approved-1?lang=id");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("translation_fallback").asBoolean()).isTrue();
        assertThat(answer.getBody().get("content").asString()).startsWith("Question number");
        assertThat(answer.getHeaders().getFirst("Content-Language")).isEqualTo("en");
    }

    @Test
    void unknownFilterValuesAre400ProblemsListingTheAllowedValues() {
        ResponseEntity<JsonNode> answer = get("/api/v1/dares/random?difficulty=impossible");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("allowed_values").toString()).contains("easy", "extreme");
    }

    @Test
    void filtersThatEmptyThePoolAre404ProblemsNamingThem() {
        ResponseEntity<JsonNode> answer = get("/api/v1/dares/random?players=12");

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().get("filters").get("players").asInt()).isEqualTo(12);
    }

    @Test
    void statsCountServableItemsByType() {
        JsonNode stats = get("/api/v1/stats").getBody();

        assertThat(stats.get("truths").asLong()).isEqualTo(3);
        assertThat(stats.get("dares").asLong()).isEqualTo(1);
    }
}
