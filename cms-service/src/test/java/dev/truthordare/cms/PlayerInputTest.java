package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What players send in: submissions to the queue and reports that pull an item out of
 * play.
 */
class PlayerInputTest extends CmsTestSupport {

	@Autowired
	KafkaTemplate<String, Object> kafka;

	private ResponseEntity<JsonNode> submit(String client, String text) {
		return http().post()
			.uri("/api/v1/submissions")
			.header("X-Client-Id", client)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", text, "category", "funny"))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void aSubmissionWaitsInTheQueueAndTheSixthInAnHourIsRefused() {
		String client = "phone-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			ResponseEntity<JsonNode> accepted = submit(client, "Submitted question " + UUID.randomUUID() + "?");
			assertThat(accepted.getStatusCode().value()).isEqualTo(201);
			assertThat(status(accepted.getBody().get("id").asString())).isEqualTo("PENDING");
		}

		ResponseEntity<JsonNode> sixth = submit(client, "One more question " + UUID.randomUUID() + "?");

		assertThat(sixth.getStatusCode().value()).isEqualTo(429);
		assertThat(Long.parseLong(sixth.getHeaders().getFirst("Retry-After"))).isBetween(1L, 3600L);
		assertThat(submit("another-" + client, "Other player " + UUID.randomUUID() + "?").getStatusCode().value())
			.isEqualTo(201);
	}

	@Test
	void inventedClientIdsShareTheirAddresssQuotaOfTwentyAnHour() {
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 21; i++) {
			statuses.add(http().post()
				.uri("/api/v1/submissions")
				.header("X-Client-Id", "invented-" + UUID.randomUUID())
				.header("X-Client-Address", "198.51.100.21")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("type", "truth", "content",
						"Question number " + i + " from a school " + UUID.randomUUID() + "?", "category", "funny"))
				.retrieve()
				.toEntity(JsonNode.class)
				.getStatusCode()
				.value());
		}
		assertThat(statuses.subList(0, 20)).containsOnly(201);
		assertThat(statuses.get(20)).isEqualTo(429);
	}

	@Test
	void submissionsAreValidatedLikeEverythingElse() {
		assertThat(submit("phone-v", "short").getStatusCode().value()).isEqualTo(400);
		assertThat(http().post()
			.uri("/api/v1/submissions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", "No client id here at all?", "category", "funny"))
			.retrieve()
			.toEntity(JsonNode.class)
			.getStatusCode()
			.value()).isEqualTo(400);
	}

	@Test
	void reportsRatingServiceCallsNoEvidenceOnlyQueueTheItemTheOneThatSaysHideFlagsIt() {
		String id = createTruth(adminToken());
		call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/approve", adminToken(), Map.of());

		for (long count = 1; count <= 5; count++) {
			kafka.send(CloudEvents.record(EventType.CONTENT_REPORTED, id,
					new ContentReported(id, "OFFENSIVE", null, count, Instant.now(), false), "/test"));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> reportedQueueCount(id) == 5);
		assertThat(status(id)).isEqualTo("APPROVED");

		kafka.send(CloudEvents.record(EventType.CONTENT_REPORTED, id,
				new ContentReported(id, "UNSAFE", null, 6, Instant.now(), true), "/test"));
		await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("FLAGGED"));
		assertThat(reportedQueueCount(id)).isEqualTo(-1);
	}

	/**
	 * The item's report count in the queue of reported items still in play; -1: absent.
	 */
	private long reportedQueueCount(String id) {
		return call(HttpMethod.GET, "/api/v1/cms/queue?status=REPORTED&size=100", adminToken(), null).getBody()
			.get("items")
			.valueStream()
			.filter(entry -> entry.get("item").get("id").asString().equals(id))
			.mapToLong(entry -> entry.get("report_count").asLong())
			.findFirst()
			.orElse(-1);
	}

	@Test
	void reportsFromBeforeRatingServiceDecidedStillFlagAtTheLegacyThreshold() {
		String id = createTruth(adminToken());
		call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/approve", adminToken(), Map.of());

		for (long count = 1; count <= 3; count++) {
			kafka.send(CloudEvents.record(EventType.CONTENT_REPORTED, id,
					new ContentReported(id, count == 1 ? "OFFENSIVE" : "UNSAFE", null, count, Instant.now()), "/test"));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("FLAGGED"));
		JsonNode history = call(HttpMethod.GET, "/api/v1/cms/content/" + id + "/history", adminToken(), null).getBody()
			.get("history");
		assertThat(history.get(history.size() - 1).get("actor").asString()).isEqualTo("system");
		JsonNode flagged = call(HttpMethod.GET, "/api/v1/cms/queue?status=FLAGGED&size=100", adminToken(), null)
			.getBody();
		assertThat(flagged.get("items")
			.valueStream()
			.filter(entry -> entry.get("item").get("id").asString().equals(id))
			.findFirst()
			.orElseThrow()
			.get("report_reasons")
			.toString()).contains("OFFENSIVE", "UNSAFE");
	}

}
