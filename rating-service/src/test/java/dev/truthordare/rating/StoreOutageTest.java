package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The store stops and comes back on the same port while the service runs: a rating is a
 * 503 problem with {@code Retry-After} within seconds and counts nothing, also when its
 * {@code Idempotency-Key} is retried once the store is back; an item approved meanwhile
 * becomes rateable once the store is back (not dead-lettered); no restart needed.
 */
class StoreOutageTest extends RatingServiceTestSupport {

	@AfterEach
	void storeIsBack() {
		MONGO.start();
	}

	/**
	 * With the JDK's client: Apache's, the default, retries a 503 after its Retry-After
	 * by itself.
	 */
	@Override
	RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	private int status(String path) {
		return http().get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
	}

	@Test
	void ratingsAre503WhileTheStoreIsDownAndCountExactlyOnceAfterwards() {
		cmsSays("item-outage", ContentStatus.APPROVED, 1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rate("outage-a", "item-outage", 4).getStatusCode().value()).isEqualTo(200));
		String body = "{\"content_id\": \"item-outage\", \"rating\": 2}";

		MONGO.stop();
		cmsSays("item-outage-later", ContentStatus.APPROVED, 1);
		long started = System.nanoTime();
		ResponseEntity<JsonNode> refused = post("/api/v1/ratings", "outage-b", body, "Idempotency-Key", "outage-key");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(refused.getStatusCode().value()).isEqualTo(503);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(refused.getBody().get("detail").asString()).contains("data store is unavailable");
		assertThat(refused.getBody().toString()).doesNotContain("localhost", "Exception");
		assertThat(http().get()
			.uri("/api/v1/ratings/item-outage")
			.retrieve()
			.toEntity(JsonNode.class)
			.getStatusCode()
			.value()).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);

		MONGO.start();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					post("/api/v1/ratings", "outage-b", body, "Idempotency-Key", "outage-key").getStatusCode().value())
				.isEqualTo(200));
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		JsonNode summary = summaryOf("item-outage");
		assertThat(summary.get("count").asLong()).isEqualTo(2);
		assertThat(summary.get("average").asDouble()).isEqualTo(3.0);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(rate("outage-c", "item-outage-later", 5).getStatusCode().value()).isEqualTo(200));
	}

}
