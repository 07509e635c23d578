package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Inappropriate reports: once per client, also through a rating, published to moderators
 * with the running count.
 */
class ReportsTest extends RatingServiceTestSupport {

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
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
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
		// two networks are no evidence: moderators see the reports, players still see the
		// item
		assertThat(reports).extracting(ContentReported::hide).containsOnly(false);
	}

	@Test
	void malformedReportsAreProblems() {
		assertProblem(post("/api/v1/reports", "device-rep-9",
				"{\"content_id\":\"item-reported-2\",\"reason_code\":\"BORING\"}"), 400, "reason_code");
		assertProblem(post("/api/v1/reports", null, "{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\"}"),
				400, "X-Client-Id");
		assertProblem(
				post("/api/v1/reports", "device-rep-9", "{\"content_id\":\"item-pending\",\"reason_code\":\"OTHER\"}"),
				404, "item-pending");
		assertProblem(
				post("/api/v1/reports", "device-rep-9",
						"{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\",\"severity\":9}"),
				400, "severity");
		assertProblem(post("/api/v1/reports", "device-rep-9",
				"{\"content_id\":\"item-reported-2\",\"reason_code\":\"OTHER\",\"comment\":\"" + "x".repeat(501)
						+ "\"}"),
				400, "comment");
	}

}
