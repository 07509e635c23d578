package dev.truthordare.content;

import dev.truthordare.events.Topics;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.web.testing.ProblemProbe;
import dev.truthordare.web.testing.RestartableMongo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One content-service fed only by the real content stream (embedded Kafka, Mongo wire
 * server) and a stand-in translation-service, shared by every test class that extends
 * this one (same Spring context). The catalogue below is published once; tests that
 * change items use their own category so others' expectations stay true.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@EmbeddedKafka(partitions = 1,
		topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY, Topics.RATINGS_REPORTS,
				Topics.TRANSLATIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(ProblemProbe.class)
abstract class ContentServiceTestBase {

	/** Restartable: {@link StoreOutageTest} stops it and starts it again on its port. */
	static final RestartableMongo MONGO = new RestartableMongo();
	static final String MONGO_ADDRESS = MONGO.uri("content");
	static final FakeTranslationService TRANSLATIONS = new FakeTranslationService();

	private static final AtomicBoolean PUBLISHED = new AtomicBoolean();

	/**
	 * Truths in category "deep" (20, all servable within 13+) and "relationships" (6,
	 * used by the removal test).
	 */
	static final List<String> DEEP = new ArrayList<>();
	static final List<String> RELATIONSHIPS = new ArrayList<>();
	static final int SERVABLE_TRUTHS = 3 + 20 + 6;
	static final int SERVABLE_DARES = 3;

	static {
		for (int i = 1; i <= 20; i++) {
			DEEP.add("t-deep-%02d".formatted(i));
		}
		for (int i = 1; i <= 6; i++) {
			RELATIONSHIPS.add("t-rel-" + i);
		}
		TRANSLATIONS.approved.put("t-deep-01", Map.of("id", "Pertanyaan yang dalam nomor satu, jujurlah?"));
		TRANSLATIONS.approved.put("t-deep-03", Map.of("bn", "গভীর প্রশ্ন নম্বর তিন, সত্যি করে বলো?", "hi",
				"गहरा सवाल नंबर तीन, सच-सच बताओ?", "tl", "Malalim na tanong bilang tatlo, aminin mo na?"));
	}

	@DynamicPropertySource
	static void wiring(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
		registry.add("spring.cloud.discovery.client.simple.instances.translation-service[0].uri", TRANSLATIONS::url);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, Object> kafka;

	static ContentSnapshot truth(String id, String category, ContentStatus status, long version, String ageRating) {
		return new ContentSnapshot(id, ContentType.TRUTH, "Question number " + id + ", be honest?", "en", category,
				null, 2, ageRating, List.of(), status, null, null, null, null, null, null, Instant.now(), Instant.now(),
				version);
	}

	static ContentSnapshot dare(String id, String category, String difficulty, String ageRating, Integer minutes,
			List<String> props, Boolean indoor, Boolean outdoor, int minPlayers, int maxPlayers) {
		return new ContentSnapshot(id, ContentType.DARE, "Do a little challenge called " + id, "en", category,
				difficulty, 1, ageRating, List.of("fun"), ContentStatus.APPROVED, minutes, props, indoor, outdoor,
				new ContentSnapshot.GroupSize(minPlayers, maxPlayers), "safe", Instant.now(), Instant.now(), 1);
	}

	void publish(ContentSnapshot snapshot) {
		kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, snapshot.id(), snapshot, "/test")).join();
	}

	@BeforeEach
	void publishCatalogueOnce() {
		if (!PUBLISHED.compareAndSet(false, true)) {
			return;
		}
		publish(truth("t-approved-1", "funny", ContentStatus.APPROVED, 1, "all"));
		publish(truth("t-approved-2", "funny", ContentStatus.APPROVED, 1, "13+"));
		publish(truth("t-adult", "funny", ContentStatus.APPROVED, 1, "18+"));
		publish(truth("t-pending", "funny", ContentStatus.PENDING, 1, "all"));
		publish(truth("t-archived", "funny", ContentStatus.APPROVED, 1, "all"));
		publish(truth("t-archived", "funny", ContentStatus.ARCHIVED, 2, "all"));
		publish(truth("t-archived", "funny", ContentStatus.APPROVED, 1, "all")); // a
																					// stale
																					// replay
																					// must
																					// not
																					// resurrect
																					// it
		for (int i = 0; i < DEEP.size(); i++) {
			publish(truth(DEEP.get(i), "deep", ContentStatus.APPROVED, 1, i % 2 == 0 ? "all" : "13+"));
		}
		RELATIONSHIPS.forEach(id -> publish(truth(id, "relationships", ContentStatus.APPROVED, 1, "all")));
		publish(dare("d-approved", "silly", "easy", "all", 2, List.of(), true, false, 2, 8));
		publish(dare("d-outdoor", "physical", "hard", "all", 10, List.of("ball"), false, true, 1, 4));
		publish(dare("d-social", "social", "medium", "13+", 5, null, true, true, 3, 10));
		kafka.send(CloudEvents.record(EventType.RATING_SUMMARY, "t-approved-1",
				new RatingSummary("t-approved-1", 4.5, 2, Map.of("4", 1L, "5", 1L), 0.6, 1), "/test"))
			.join();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode stats = get("/api/v2/stats").getBody();
			return stats != null && stats.path("total").asLong() == SERVABLE_TRUTHS + SERVABLE_DARES
					&& get("/api/v2/truths/t-approved-1").getBody().path("rating").path("count").asLong() == 2;
		});
	}

	RestClient http() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<JsonNode> get(String path, String... headers) {
		return http().get().uri(URI.create("http://localhost:" + port + path)).headers(h -> {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				h.add(headers[i], headers[i + 1]);
			}
		}).retrieve().toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> post(String path, String json) {
		return http().post()
			.uri(URI.create("http://localhost:" + port + path))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> delete(String path) {
		return http().delete().uri(URI.create("http://localhost:" + port + path)).retrieve().toEntity(JsonNode.class);
	}

}
