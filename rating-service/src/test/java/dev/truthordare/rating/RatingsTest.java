package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.RatingSummary;
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
 * Rating an item: one rating per client and item, replaced or withdrawn, retried safely
 * with an idempotency key, counted exactly under concurrency, published as a summary;
 * only approved items can be rated.
 */
class RatingsTest extends RatingServiceTestSupport {

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
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
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
		ResponseEntity<JsonNode> first = post("/api/v1/ratings", "device-idem-1", body, "Idempotency-Key",
				"retry-key-1");
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
		// the key belongs to one client: another device's request with the same key is
		// its own
		assertThat(post("/api/v1/ratings", "device-idem-3", body, "Idempotency-Key", "retry-key-1").getBody()
			.get("count")
			.asLong()).isEqualTo(3);
		assertProblem(post("/api/v1/ratings", "device-idem-1", body, "Idempotency-Key", "x".repeat(300)), 400,
				"Idempotency-Key");
	}

	/**
	 * 1,000 ratings from distinct clients at once on one item: every one is counted. Both
	 * Mongo backends used here (mongo-java-server's memory and H2 backends) apply each
	 * update while holding their collection's lock, and a real MongoDB applies a
	 * single-document update atomically, so the {@code $inc}s cannot lose each other.
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
	void oneAddressRatesAnItemAtMostThreeTimesWhateverClientIdsItInvents() {
		String school = "198.51.100.77";
		for (int i = 1; i <= 3; i++) {
			assertThat(rate("pupil-" + i, school, "item-capped", 5).getStatusCode().value()).isEqualTo(200);
		}
		assertProblem(rate("pupil-4", school, "item-capped", 5), 409, "3 ratings from your network address");
		// a pupil who already rated may change the rating; another address is not
		// affected
		assertThat(rate("pupil-1", school, "item-capped", 1).getStatusCode().value()).isEqualTo(200);
		assertThat(rate("pupil-at-home", "203.0.113.77", "item-capped", 4).getStatusCode().value()).isEqualTo(200);
		assertThat(summaryOf("item-capped").get("count").asLong()).isEqualTo(4);

		// a withdrawn rating frees its place
		assertThat(withdraw("pupil-2", "item-capped").getStatusCode().value()).isEqualTo(200);
		assertThat(rate("pupil-4", school, "item-capped", 3).getStatusCode().value()).isEqualTo(200);
		assertThat(summaryOf("item-capped").get("count").asLong()).isEqualTo(4);
	}

}
