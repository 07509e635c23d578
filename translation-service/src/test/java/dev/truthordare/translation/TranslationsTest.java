package dev.truthordare.translation;

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
import dev.truthordare.web.testing.ProblemContract;
import dev.truthordare.web.testing.ProblemProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@EmbeddedKafka(partitions = 1,
		topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY, Topics.RATINGS_REPORTS,
				Topics.TRANSLATIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(ProblemProbe.class)
class TranslationsTest implements ProblemContract {

	private static final MongoServer MONGO = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private static final String MONGO_ADDRESS = "mongodb://localhost:" + MONGO.bind().getPort() + "/translations";

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

	private ResponseEntity<JsonNode> get(String path) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build()
			.get()
			.uri(path)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void seedTranslationsAreServedInEveryLaunchLanguage() {
		for (String lang : List.of("id", "es", "fr", "de", "pt", "bn", "hi", "tl")) {
			ResponseEntity<JsonNode> answer = get("/api/v1/translations/truth-001?lang=" + lang);
			assertThat(answer.getStatusCode().value()).as(lang).isEqualTo(200);
			assertThat(answer.getBody().get("text").asString()).as(lang).hasSizeGreaterThan(10);
		}
		assertThat(get("/api/v1/translations/truth-001?lang=id-ID").getBody().get("lang").asString()).isEqualTo("id");
		assertThat(get("/api/v1/translations/dare-001?lang=hi-IN").getBody().get("text").asString()).contains("15");
		assertThat(get("/api/v1/translations/dare-001?lang=fil-PH").getBody().get("lang").asString()).isEqualTo("tl");
	}

	@Test
	void aMissingTranslationIs404AndAnUnsupportedLanguage400() {
		assertThat(get("/api/v1/translations/no-such-item?lang=id").getStatusCode().value()).isEqualTo(404);
		assertThat(get("/api/v1/translations/truth-001?lang=xx").getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void coverageCountsApprovedTranslationsOfApprovedItems() {
		for (String id : List.of("truth-001", "dare-001", "brand-new-item")) {
			var snapshot = new ContentSnapshot(id, ContentType.TRUTH, "Some source text here?", "en", "funny", null, 1,
					"all", List.of(), ContentStatus.APPROVED, null, null, null, null, null, null, Instant.now(),
					Instant.now(), 1);
			kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode languages = get("/api/v1/languages").getBody().get("languages");
			assertThat(languages).hasSize(9);
			for (JsonNode language : languages) {
				double expected = language.get("code").asString().equals("en") ? 1.0 : 0.6667;
				assertThat(language.get("coverage").asDouble()).as(language.get("code").asString()).isEqualTo(expected);
			}
		});
		JsonNode indonesian = get("/api/v1/languages").getBody().get("languages").get(1);
		assertThat(indonesian.get("native_name").asString()).isEqualTo("Bahasa Indonesia");
		assertThat(get("/api/v1/languages").getBody().get("languages").findValuesAsString("native_name"))
			.containsSubsequence("বাংলা", "हिन्दी", "Tagalog");
	}

}
