package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class ModerationJourneyTest extends CmsTestSupport {

	private String token() {
		return adminToken();
	}

	/**
	 * Distinct events by their CloudEvents id: the outbox delivers at least once, and
	 * consumers dedupe on ce_id.
	 */
	private List<ContentSnapshot> consumeContentStream(String id, int expected) {
		Map<String, ContentSnapshot> seen = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
			consumer.subscribe(List.of(Topics.CMS_CONTENT));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (id == null || id.equals(record.key())) {
						seen.putIfAbsent(new String(record.headers().lastHeader("ce_id").value()),
								(ContentSnapshot) record.value());
					}
				});
				return seen.size() >= expected;
			});
		}
		synchronized (seen) {
			return new ArrayList<>(seen.values());
		}
	}

	@Test
	void tokensAreShortLivedBearerJwts() {
		JsonNode body = http().post()
			.uri("/api/v1/cms/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "chief", "password", ADMIN_PASSWORD))
			.retrieve()
			.body(JsonNode.class);

		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		assertThat(body.get("access_token").asString().split("\\.")).hasSize(3);
	}

	@Test
	void theSeedCatalogueIsPublishedApprovedOnce() {
		List<ContentSnapshot> seeded = consumeContentStream(null, 110).stream()
			.filter(snapshot -> snapshot.id().startsWith("truth-") || snapshot.id().startsWith("dare-"))
			.toList();

		assertThat(seeded).hasSize(110).allMatch(snapshot -> snapshot.status() == ContentStatus.APPROVED);
		assertThat(seeded).filteredOn(snapshot -> snapshot.id().startsWith("truth-")).hasSize(55);
	}

	@Test
	void aModeratorCreatesAPendingItemAndApprovesIt() {
		String token = token();
		ResponseEntity<JsonNode> created = http().post()
			.uri("/api/v1/cms/content")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", "What is the strangest dream you still remember?", "category",
					"deep"))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String id = created.getBody().get("id").asString();
		assertThat(created.getBody().get("status").asString()).isEqualTo("PENDING");

		ResponseEntity<JsonNode> approved = http().post()
			.uri("/api/v1/cms/content/{id}/approve", id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("reason", "fine"))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(approved.getStatusCode().value()).isEqualTo(200);
		assertThat(approved.getBody().get("status").asString()).isEqualTo("APPROVED");

		// the outbox delivers at least once; a re-delivery keeps its ce_id, which is how
		// consumers recognise it
		java.util.Map<String, String> decisions = java.util.Collections
			.synchronizedMap(new java.util.LinkedHashMap<>());
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "audit-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
			consumer.subscribe(List.of(Topics.CMS_MODERATION));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (id.equals(record.key())) {
						var decision = (dev.truthordare.events.ModerationDecision) record.value();
						decisions.putIfAbsent(new String(record.headers().lastHeader("ce_id").value()),
								decision.action() + ":" + decision.moderator() + ":" + decision.toStatus());
					}
				});
				return decisions.size() >= 2;
			});
		}
		assertThat(decisions.values()).containsExactly("create:chief:PENDING", "approve:chief:APPROVED");

		List<ContentSnapshot> events = consumeContentStream(id, 2);
		assertThat(events).extracting(ContentSnapshot::status)
			.containsExactly(ContentStatus.PENDING, ContentStatus.APPROVED);
		assertThat(events.get(1).version()).isGreaterThan(events.get(0).version());
	}

	@Test
	void approvingTwiceIsAConflictNamingTheLegalMoves() {
		String token = token();
		ResponseEntity<JsonNode> answer = http().post()
			.uri("/api/v1/cms/content/truth-001/approve")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("current_status").asString()).isEqualTo("APPROVED");
		assertThat(answer.getBody().get("allowed_actions").toString()).contains("flag", "archive");
	}

	@Test
	void writesWithoutATokenAreRefusedWith401Problem() {
		ResponseEntity<String> answer = http().post()
			.uri("/api/v1/cms/content")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\":\"truth\",\"content\":\"Who was your first crush at school?\",\"category\":\"funny\"}")
			.retrieve()
			.toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(401);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	@Test
	void wrongPasswordGetsA401ProblemAndNoToken() {
		ResponseEntity<String> answer = http().post()
			.uri("/api/v1/cms/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "someone-else", "password", "wrong"))
			.retrieve()
			.toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(401);
		assertThat(answer.getBody()).doesNotContain("access_token");
	}

	@Test
	void malformedOrInvalidContentGets400ProblemsAndStoresNothing() {
		String token = token();
		ResponseEntity<String> malformed = http().post()
			.uri("/api/v1/cms/content")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"truth\", \"content\": ")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<JsonNode> invalid = http().post()
			.uri("/api/v1/cms/content")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", "short", "category", "physical"))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(malformed.getStatusCode().value()).isEqualTo(400);
		assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(malformed.getBody()).doesNotContain("Exception", "at dev.");
		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		assertThat(invalid.getBody().get("errors").toString()).contains("content", "category");
	}

	@Test
	void publishesItsOpenApiDocumentWithoutAToken() {
		ResponseEntity<JsonNode> answer = http().get().uri("/v3/api-docs").retrieve().toEntity(JsonNode.class);

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode document = answer.getBody();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("info").get("title").asString()).isEqualTo("cms-service");
		assertThat(document.get("servers")).hasSize(1);
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		JsonNode paths = document.get("paths");
		assertThat(paths.propertyNames()).contains("/api/v1/cms/content", "/api/v1/cms/content/{id}",
				"/api/v1/cms/content/{id}/{action}", "/api/v1/cms/auth/token", "/api/v1/submissions");
		assertThat(paths.get("/api/v1/cms/content/{id}/{action}").get("post").get("parameters").toString())
			.contains("approve", "archive");
		JsonNode bearer = document.get("components").get("securitySchemes").get("bearer-jwt");
		assertThat(bearer.get("type").asString()).isEqualTo("http");
		assertThat(bearer.get("bearerFormat").asString()).isEqualTo("JWT");
		// what needs a token says so; logging in and players' submissions do not
		assertThat(paths.get("/api/v1/cms/content/{id}").get("get").get("security").toString()).contains("bearer-jwt");
		assertThat(paths.get("/api/v1/cms/accounts").get("post").has("security")).isTrue();
		assertThat(paths.get("/api/v1/cms/auth/token").get("post").has("security")).isFalse();
		assertThat(paths.get("/api/v1/submissions").get("post").has("security")).isFalse();
		assertThat(document.get("components").get("schemas").get("TokenResponse").get("properties").propertyNames())
			.contains("access_token");
	}

}
