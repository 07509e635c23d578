package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentReported;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.web.testing.ProblemContract;
import dev.truthordare.web.testing.ProblemProbe;
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
import org.springframework.context.annotation.Import;
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
@Import(ProblemProbe.class)
class RatingsTest implements ProblemContract {

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

    @Override
    public int port() {
        return port;
    }

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
        Map<String, ContentStatus> items = new java.util.HashMap<>(Map.of("item-approved", ContentStatus.APPROVED,
                "item-replace", ContentStatus.APPROVED, "item-pending", ContentStatus.PENDING));
        for (String id : List.of("item-withdraw", "item-idem", "top-single", "top-many", "item-reported",
                "item-reported-2", "item-crowd", "dare-ranked")) {
            items.put(id, ContentStatus.APPROVED);
        }
        for (var entry : items.entrySet()) {
            String id = entry.getKey();
            var status = entry.getValue();
            var type = id.startsWith("dare-") ? ContentType.DARE : ContentType.TRUTH;
            var snapshot = new ContentSnapshot(id, type, "What is your favourite smell?", "en", "funny",
                    null, 1, "all", List.of(), status, null, null, null, null, null, null, Instant.now(), Instant.now(), 1);
            kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> items.keySet().stream()
                .filter(id -> items.get(id) == ContentStatus.APPROVED)
                .allMatch(id -> http().get().uri("/api/v1/ratings/" + id).retrieve().toBodilessEntity()
                        .getStatusCode().value() == 200));
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

    private ResponseEntity<JsonNode> post(String path, String client, String json, String... headers) {
        var request = http().post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (client != null) {
            request = request.header("X-Client-Id", client);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.body(json).retrieve().toEntity(JsonNode.class);
    }

    private JsonNode summaryOf(String contentId) {
        return http().get().uri("/api/v1/ratings/" + contentId).retrieve().body(JsonNode.class);
    }

    private ResponseEntity<JsonNode> withdraw(String client, String contentId) {
        var request = http().delete().uri("/api/v1/ratings/" + contentId);
        if (client != null) {
            request = request.header("X-Client-Id", client);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private static void assertProblem(ResponseEntity<JsonNode> answer, int status, String detailContains) {
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("detail").asString()).contains(detailContains);
    }

    @Test
    void aClientCanWithdrawItsRatingAndTheSummaryMovesBack() {
        rate("device-wd-1", "item-withdraw", 5);
        rate("device-wd-2", "item-withdraw", 2);

        ResponseEntity<JsonNode> withdrawn = withdraw("device-wd-1", "item-withdraw");

        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
        assertThat(withdrawn.getBody().get("count").asLong()).isEqualTo(1);
        JsonNode summary = summaryOf("item-withdraw");
        assertThat(summary.get("count").asLong()).isEqualTo(1);
        assertThat(summary.get("average").asDouble()).isEqualTo(2.0);
        assertThat(summary.get("histogram").get("5").asLong()).isZero();
        assertProblem(withdraw("device-wd-1", "item-withdraw"), 404, "no rating");
        assertProblem(withdraw(null, "item-withdraw"), 400, "X-Client-Id");
        assertThat(summaryOf("item-withdraw").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void retryingWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndCountsOnce() {
        String body = "{\"content_id\":\"item-idem\",\"rating\":4}";
        ResponseEntity<JsonNode> first = post("/api/v1/ratings", "device-idem-1", body, "Idempotency-Key", "retry-key-1");
        rate("device-idem-2", "item-idem", 2);

        ResponseEntity<JsonNode> retried = post("/api/v1/ratings", "device-idem-1",
                "{ \"rating\": 4, \"content_id\": \"item-idem\" }", "Idempotency-Key", "retry-key-1");

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(retried.getBody()).isEqualTo(first.getBody());
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(summaryOf("item-idem").get("count").asLong()).isEqualTo(2);
        assertThat(summaryOf("item-idem").get("average").asDouble()).isEqualTo(3.0);

        assertProblem(post("/api/v1/ratings", "device-idem-1", "{\"content_id\":\"item-idem\",\"rating\":1}",
                "Idempotency-Key", "retry-key-1"), 422, "different request");
        // the key belongs to one client: another device's request with the same key is its own
        assertThat(post("/api/v1/ratings", "device-idem-3", body, "Idempotency-Key", "retry-key-1")
                .getBody().get("count").asLong()).isEqualTo(3);
        assertProblem(post("/api/v1/ratings", "device-idem-1", body, "Idempotency-Key", "x".repeat(300)), 400,
                "Idempotency-Key");
    }

    @Test
    void oneFiveStarVoteDoesNotOutrankFortyVotesAveragingFourPointEight() {
        rate("device-top-solo", "top-single", 5);
        for (int i = 0; i < 40; i++) {
            rate("device-top-" + i, "top-many", i < 32 ? 5 : 4);
        }
        rate("device-top-dare", "dare-ranked", 5);
        assertThat(summaryOf("top-many").get("average").asDouble()).isEqualTo(4.8);

        JsonNode top = http().get().uri("/api/v1/ratings/top?type=truth&limit=100").retrieve().body(JsonNode.class);
        List<String> ranking = top.get("items").findValuesAsString("content_id");
        assertThat(ranking).contains("top-many", "top-single").doesNotContain("dare-ranked");
        assertThat(ranking.indexOf("top-many")).isLessThan(ranking.indexOf("top-single"));
        assertThat(top.get("items").get(0).get("rank").asInt()).isEqualTo(1);
        JsonNode many = top.get("items").get(ranking.indexOf("top-many"));
        assertThat(many.get("score").asDouble()).isCloseTo(0.9124, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(many.get("type").asString()).isEqualTo("truth");

        List<String> established = http().get().uri("/api/v1/ratings/top?type=truth&min_count=40").retrieve()
                .body(JsonNode.class).get("items").findValuesAsString("content_id");
        assertThat(established).containsExactly("top-many");
        assertThat(http().get().uri("/api/v1/ratings/top?type=dare&limit=1").retrieve().body(JsonNode.class)
                .get("items").findValuesAsString("content_id")).containsExactly("dare-ranked");
        for (String bad : List.of("type=quiz", "limit=0", "limit=101", "min_count=0", "limit=ten")) {
            ResponseEntity<JsonNode> answer = http().get().uri("/api/v1/ratings/top?" + bad).retrieve()
                    .toEntity(JsonNode.class);
            assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).as(bad).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void reportsCountOncePerClientAndReachModeratorsWithTheRunningCount() {
        ResponseEntity<JsonNode> first = post("/api/v1/reports", "device-rep-1",
                "{\"content_id\":\"item-reported\",\"reason_code\":\"OFFENSIVE\",\"comment\":\"mean\"}");
        ResponseEntity<JsonNode> again = post("/api/v1/reports", "device-rep-1",
                "{\"content_id\":\"item-reported\",\"reason_code\":\"UNSAFE\"}");
        ResponseEntity<JsonNode> viaRating = post("/api/v1/ratings", "device-rep-2",
                "{\"content_id\":\"item-reported\",\"rating\":1,\"appropriate\":false,\"comment\":\"not ok\"}");
        post("/api/v1/ratings", "device-rep-2",
                "{\"content_id\":\"item-reported\",\"rating\":2,\"appropriate\":false}");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getBody().get("already_reported").asBoolean()).isFalse();
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("already_reported").asBoolean()).isTrue();
        assertThat(again.getBody().get("reason_code").asString()).isEqualTo("OFFENSIVE");
        assertThat(viaRating.getStatusCode().value()).isEqualTo(200);

        List<ContentReported> reports = new CopyOnWriteArrayList<>();
        try (var consumer = new KafkaConsumer<String, Object>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new EventDeserializer())) {
            consumer.subscribe(List.of(Topics.RATINGS_REPORTS));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals("item-reported")) {
                        reports.add((ContentReported) record.value());
                    }
                });
                return reports.size() >= 2;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (record.key().equals("item-reported")) {
                    reports.add((ContentReported) record.value());
                }
            });
        }
        assertThat(reports).extracting(ContentReported::reportCount).containsExactlyInAnyOrder(1L, 2L);
        assertThat(reports).extracting(ContentReported::reasonCode).containsExactlyInAnyOrder("OFFENSIVE", "OTHER");
        assertThat(reports).extracting(ContentReported::comment).contains("mean", "not ok");
    }

    @Test
    void malformedReportsAreProblems() {
        assertProblem(post("/api/v1/reports", "device-rep-9",
                "{\"content_id\":\"item-reported-2\",\"reason_code\":\"BORING\"}"), 400, "reason_code");
        assertProblem(post("/api/v1/reports", null,
                "{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\"}"), 400, "X-Client-Id");
        assertProblem(post("/api/v1/reports", "device-rep-9",
                "{\"content_id\":\"item-pending\",\"reason_code\":\"OTHER\"}"), 404, "item-pending");
        assertProblem(post("/api/v1/reports", "device-rep-9",
                "{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\",\"severity\":9}"), 400, "severity");
        assertProblem(post("/api/v1/reports", "device-rep-9",
                "{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\",\"comment\":\"" + "x".repeat(501)
                        + "\"}"), 400, "comment");
    }

    @Test
    void requestBodiesAreReadStrictly() {
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":5,\"stars\":5}"), 400, "Unknown field 'stars'");
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":\"5\"}"), 400, "rating");
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":4.5}"), 400, "rating");
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":4,\"rating\":5}"), 400, "JSON");
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":4,\"difficulty_feedback\":\"meh\"}"), 400,
                "difficulty_feedback");
        assertProblem(post("/api/v1/ratings", "device-strict-1",
                "{\"content_id\":\"item-approved\",\"rating\":4,\"appropriate\":\"no\"}"), 400, "appropriate");
        assertProblem(post("/api/v1/ratings", "device strict", "{\"content_id\":\"item-approved\",\"rating\":4}"),
                400, "X-Client-Id");
        assertProblem(post("/api/v1/ratings", "device-strict-1", "[1,2]"), 400, "");
    }

    /**
     * 1,000 ratings from distinct clients at once on one item: every one is counted. Both Mongo backends used here
     * (mongo-java-server's memory and H2 backends) apply each update while holding their collection's lock, and a
     * real MongoDB applies a single-document update atomically, so the {@code $inc}s cannot lose each other.
     */
    @Test
    void aThousandConcurrentRatingsAreAllCounted() throws Exception {
        int raters = 1000;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        long sum = 0;
        for (int i = 0; i < raters; i++) {
            String client = "crowd-device-" + i;
            int stars = i % 10 < 6 ? 5 : 1 + i % 4; // a lopsided mix of 1–5 stars
            sum += stars;
            answers.add(pool.submit(() -> {
                start.await();
                return rate(client, "item-crowd", stars).getStatusCode().value();
            }));
        }
        start.countDown();
        for (var answer : answers) {
            assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();

        JsonNode summary = summaryOf("item-crowd");
        assertThat(summary.get("count").asLong()).isEqualTo(raters);
        assertThat(summary.get("average").asDouble()).isEqualTo(Math.round(100.0 * sum / raters) / 100.0);
        long histogramTotal = 0;
        for (int stars = 1; stars <= 5; stars++) {
            histogramTotal += summary.get("histogram").get(String.valueOf(stars)).asLong();
        }
        assertThat(histogramTotal).isEqualTo(raters);
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
        // bodies are read strictly in snake_case: the schema must say content_id, not contentId
        assertThat(document.get("components").get("schemas").get("RatingRequest").get("properties").propertyNames())
                .contains("content_id", "rating", "difficulty_feedback").doesNotContain("contentId");
    }

    @Test
    void numbersAndBooleansAreNotTakenAsTextAndCountNothing() {
        long before = summaryOf("item-approved").get("count").asLong();

        assertProblem(post("/api/v1/ratings", "device-typed-1",
                "{\"content_id\":\"item-approved\",\"rating\":5,\"comment\":123}"), 400, "Field 'comment'");
        assertProblem(post("/api/v1/ratings", "device-typed-1",
                "{\"content_id\":\"item-approved\",\"rating\":5,\"comment\":true}"), 400, "Field 'comment'");
        assertProblem(post("/api/v1/ratings", "device-typed-1",
                "{\"content_id\":12345,\"rating\":5}"), 400, "Field 'content_id'");
        assertProblem(post("/api/v1/reports", "device-typed-1",
                "{\"content_id\":\"item-approved\",\"reason_code\":\"OTHER\",\"comment\":4.5}"), 400,
                "Field 'comment'");

        assertThat(summaryOf("item-approved").get("count").asLong()).isEqualTo(before);
    }

    @Test
    void aQueryStringThatIsNotUtf8IsA400ProblemNotA500() {
        ResponseEntity<JsonNode> answer = http().get()
                .uri(java.net.URI.create("http://localhost:" + port + "/api/v1/ratings/top?type=truth%FF%FE"))
                .retrieve().toEntity(JsonNode.class);

        assertProblem(answer, 400, "UTF-8");
    }
}
