package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingsTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_ADDRESS = "mongodb://localhost:" + MONGO.bind().getPort() + "/ratings";

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

    @Autowired
    EmbeddedKafkaBroker broker;

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private ResponseEntity<JsonNode> rate(String client, String contentId, Object stars) {
        return http().post().uri("/api/v1/ratings").header("X-Client-Id", client)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("content_id", contentId, "rating", stars)).retrieve().toEntity(JsonNode.class);
    }

    @BeforeAll
    void anApprovedAndAPendingItemExist() {
        for (var entry : Map.of("item-approved", ContentStatus.APPROVED, "item-replace", ContentStatus.APPROVED,
                "item-pending", ContentStatus.PENDING).entrySet()) {
            String id = entry.getKey();
            var status = entry.getValue();
            var snapshot = new ContentSnapshot(id, ContentType.TRUTH, "What is your favourite smell?", "en", "funny",
                    null, 1, "all", List.of(), status, null, null, null, null, null, null, Instant.now(), Instant.now(), 1);
            kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get().uri("/api/v1/ratings/item-approved")
                .retrieve().toBodilessEntity().getStatusCode().value() == 200);
    }

    @Test
    void ratingAgainReplacesTheClientsEarlierRating() {
        rate("device-aaaa-1", "item-replace", 5);
        rate("device-bbbb-2", "item-replace", 4);
        ResponseEntity<JsonNode> replaced = rate("device-aaaa-1", "item-replace", 2);

        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        JsonNode summary = http().get().uri("/api/v1/ratings/item-replace").retrieve().body(JsonNode.class);
        assertThat(summary.get("count").asLong()).isEqualTo(2);
        assertThat(summary.get("average").asDouble()).isEqualTo(3.0);
        assertThat(summary.get("histogram").get("5").asLong()).isZero();
        assertThat(summary.get("histogram").get("2").asLong()).isEqualTo(1);
    }

    @Test
    void everyChangeIsPublishedAsASummary() {
        rate("device-cccc-3", "item-approved", 5);
        List<RatingSummary> summaries = new CopyOnWriteArrayList<>();
        try (var consumer = new KafkaConsumer<String, Object>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new EventDeserializer())) {
            consumer.subscribe(List.of(Topics.RATINGS_SUMMARY));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> summaries.add((RatingSummary) record.value()));
                return summaries.stream().anyMatch(summary -> summary.contentId().equals("item-approved"));
            });
        }
        assertThat(summaries).allMatch(summary -> summary.count() >= 1 && summary.version() >= 1);
    }

    @Test
    void itemsThatAreNotApprovedCannotBeRated() {
        assertThat(rate("device-aaaa-1", "item-pending", 5).getStatusCode().value()).isEqualTo(404);
        assertThat(rate("device-aaaa-1", "never-heard-of-it", 5).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void malformedRatingsAre400ProblemsAndCountNothing() {
        long before = http().get().uri("/api/v1/ratings/item-approved").retrieve().body(JsonNode.class).get("count").asLong();

        for (Object stars : List.of(0, 6, "five")) {
            ResponseEntity<JsonNode> answer = rate("device-dddd-4", "item-approved", stars);
            assertThat(answer.getStatusCode().value()).as("rating %s", stars).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<JsonNode> noClient = http().post().uri("/api/v1/ratings").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("content_id", "item-approved", "rating", 3)).retrieve().toEntity(JsonNode.class);
        assertThat(noClient.getStatusCode().value()).isEqualTo(400);

        long after = http().get().uri("/api/v1/ratings/item-approved").retrieve().body(JsonNode.class).get("count").asLong();
        assertThat(after).isEqualTo(before);
    }
}
