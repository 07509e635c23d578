package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.Topics;
import dev.truthordare.web.testing.SecondInstance;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two rating-service instances on one store and one broker, as the gateway balances
 * players over them: counts, averages, address caps and idempotency keys hold across
 * both, and both answer alike.
 */
class RatingsAcrossInstancesTest extends RatingServiceTestSupport {

	private static final List<String> ITEMS = List.of("multi-crowd", "multi-idem", "multi-double", "multi-crash",
			"multi-dead");

	@Autowired
	Environment environment;

	private SecondInstance second;

	private ExecutorService pool;

	@BeforeAll
	void aSecondInstanceRunsBesideTheFirst() {
		second = SecondInstance.beside(RatingApplication.class, environment);
		pool = Executors.newFixedThreadPool(64);
		ITEMS.forEach(id -> cmsSays(id, ContentStatus.APPROVED, 1));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ITEMS.stream().allMatch(id -> summary(second.http(), id).getStatusCode().value() == 200));
	}

	@AfterAll
	void stopTheSecondInstance() {
		pool.shutdownNow();
		second.close();
	}

	/** The first instance for even numbers, the second for odd. */
	private RestClient instance(int number) {
		return number % 2 == 0 ? http() : second.http();
	}

	/**
	 * 1,000 ratings at once, alternating over both instances: 250 addresses with four
	 * client ids each (the fourth is over the cap of three), then one rater per address
	 * changing its stars through the other instance. The counts, the average and the
	 * histogram are exact on both instances and in the newest summary event, and every
	 * accepted rating published exactly one summary version.
	 */
	@Test
	void aThousandConcurrentRatingsOverTwoInstancesEndWithExactCounts() throws Exception {
		int addresses = 250;
		List<Callable<Integer>> firsts = new ArrayList<>();
		for (int a = 0; a < addresses; a++) {
			for (int k = 0; k < 4; k++) {
				RestClient via = instance(a + k);
				String client = "multi-" + a + "-" + k;
				String address = addressNumber(a);
				int stars = starsOf(a);
				firsts.add(() -> rate(via, client, address, "multi-crowd", stars).getStatusCode().value());
			}
		}
		List<Integer> statuses = concurrently(firsts);
		assertThat(statuses).hasSize(1000);
		for (int a = 0; a < addresses; a++) {
			assertThat(statuses.subList(4 * a, 4 * a + 4)).as("address %d", a)
				.containsExactlyInAnyOrder(200, 200, 200, 409);
		}

		List<Callable<Integer>> changes = new ArrayList<>();
		for (int a = 0; a < addresses; a++) {
			int k = statuses.subList(4 * a, 4 * a + 4).indexOf(200);
			RestClient other = instance(a + k + 1);
			String client = "multi-" + a + "-" + k;
			String address = addressNumber(a);
			int stars = 6 - starsOf(a);
			changes.add(() -> rate(other, client, address, "multi-crowd", stars).getStatusCode().value());
		}
		assertThat(concurrently(changes)).containsOnly(200);

		long[] histogram = new long[6];
		long sum = 0;
		for (int a = 0; a < addresses; a++) {
			histogram[starsOf(a)] += 2;
			histogram[6 - starsOf(a)] += 1;
			sum += 2L * starsOf(a) + (6 - starsOf(a));
		}
		JsonNode first = summary(http(), "multi-crowd").getBody();
		assertThat(summary(second.http(), "multi-crowd").getBody()).isEqualTo(first);
		assertThat(first.get("count").asLong()).isEqualTo(750);
		assertThat(first.get("average").asDouble()).isEqualTo(Math.round(100.0 * sum / 750) / 100.0);
		for (int stars = 1; stars <= 5; stars++) {
			assertThat(first.get("histogram").get(String.valueOf(stars)).asLong()).as("%d stars", stars)
				.isEqualTo(histogram[stars]);
		}

		int accepted = 750 + addresses;
		List<RatingSummary> published = eventsOf(Topics.RATINGS_SUMMARY, "multi-crowd", RatingSummary.class,
				found -> found.stream().anyMatch(event -> event.version() == accepted));
		assertThat(published.stream().map(RatingSummary::version).collect(Collectors.toSet()))
			.isEqualTo(LongStream.rangeClosed(1, accepted).boxed().collect(Collectors.toSet()));
		RatingSummary newest = published.stream().max(Comparator.comparingLong(RatingSummary::version)).orElseThrow();
		assertThat(newest.count()).isEqualTo(750);
		assertThat(newest.average()).isEqualTo(first.get("average").asDouble());
		for (int stars = 1; stars <= 5; stars++) {
			assertThat(newest.histogram().get(String.valueOf(stars))).isEqualTo(histogram[stars]);
		}
		assertThat(http().get().uri("/api/v1/ratings/top?limit=100").retrieve().body(JsonNode.class))
			.isEqualTo(second.http().get().uri("/api/v1/ratings/top?limit=100").retrieve().body(JsonNode.class));
	}

	/**
	 * A retry the gateway sends to the other instance gets the first answer and counts
	 * once; the same key with another body is refused there too; a burst of one request
	 * over both instances runs once.
	 */
	@Test
	void anIdempotencyKeyReplayedOnTheOtherInstanceReturnsTheFirstAnswer() throws Exception {
		ResponseEntity<JsonNode> answer = keyed(http(), "idem-multi-1", "{\"content_id\":\"multi-idem\",\"rating\":4}",
				"replayed-key");
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(rate(second.http(), "idem-multi-2", "203.0.113.9", "multi-idem", 2).getStatusCode().value())
			.isEqualTo(200);

		ResponseEntity<JsonNode> replayed = keyed(second.http(), "idem-multi-1",
				"{ \"rating\": 4, \"content_id\": \"multi-idem\" }", "replayed-key");
		assertThat(replayed.getStatusCode().value()).isEqualTo(200);
		assertThat(replayed.getBody()).isEqualTo(answer.getBody());
		assertThat(replayed.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertProblem(
				keyed(second.http(), "idem-multi-1", "{\"content_id\":\"multi-idem\",\"rating\":1}", "replayed-key"),
				422, "different request");
		assertThat(summary(http(), "multi-idem").getBody().get("count").asLong()).isEqualTo(2);

		List<Callable<ResponseEntity<JsonNode>>> burst = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			RestClient via = instance(i);
			burst.add(() -> keyed(via, "idem-multi-3", "{\"content_id\":\"multi-idem\",\"rating\":5}", "burst-key"));
		}
		List<ResponseEntity<JsonNode>> answers = concurrently(burst);
		List<JsonNode> ok = answers.stream()
			.filter(each -> each.getStatusCode().value() == 200)
			.map(ResponseEntity::getBody)
			.toList();
		assertThat(ok).isNotEmpty().allMatch(body -> body.equals(ok.get(0)));
		assertThat(ok.get(0).get("count").asLong()).isEqualTo(3);
		for (ResponseEntity<JsonNode> busy : answers.stream()
			.filter(each -> each.getStatusCode().value() != 200)
			.toList()) {
			assertProblem(busy, 409, "still being processed");
			assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		}
		ResponseEntity<JsonNode> later = keyed(second.http(), "idem-multi-3",
				"{\"content_id\":\"multi-idem\",\"rating\":5}", "burst-key");
		assertThat(later.getBody()).isEqualTo(ok.get(0));
		assertThat(summary(http(), "multi-idem").getBody()).isEqualTo(summary(second.http(), "multi-idem").getBody());
		assertThat(summary(http(), "multi-idem").getBody().get("count").asLong()).isEqualTo(3);
	}

	/**
	 * An instance killed while it rated leaves its claim of the key behind: a retry on
	 * the other instance is told to come back ({@code 409}, {@code Retry-After}) while
	 * the claim is recent, and runs once the claim is old enough to be abandoned (15 s).
	 */
	@Test
	void aKeyClaimedByAnInstanceThatDiedIsTakenOverByTheOther() {
		MongoTemplate store = second.bean(MongoTemplate.class);
		String body = "{\"content_id\":\"multi-crash\",\"rating\":3}";
		assertThat(keyed(http(), "crash-2", body, "crash-key").getStatusCode().value()).isEqualTo(200);
		String fingerprint = store.findById("crash-2 crash-key", Document.class, "idempotency_keys")
			.getString("fingerprint");
		// what the killed instance left: its claim, never completed
		store.insert(new Document("_id", "crash-1 crash-key").append("fingerprint", fingerprint)
			.append("state", "IN_PROGRESS")
			.append("created_at", Instant.now().minusSeconds(5)), "idempotency_keys");

		ResponseEntity<JsonNode> tooSoon = keyed(second.http(), "crash-1", body, "crash-key");
		assertProblem(tooSoon, 409, "still being processed");
		assertThat(tooSoon.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		store.updateFirst(Query.query(Criteria.where("_id").is("crash-1 crash-key")),
				Update.update("created_at", Instant.now().minusSeconds(31)), "idempotency_keys");

		ResponseEntity<JsonNode> takenOver = keyed(second.http(), "crash-1", body, "crash-key");
		assertThat(takenOver.getStatusCode().value()).isEqualTo(200);
		assertThat(takenOver.getHeaders().getFirst("Idempotent-Replayed")).isNull();
		assertThat(takenOver.getBody().get("count").asLong()).isEqualTo(2);
		ResponseEntity<JsonNode> replayed = keyed(http(), "crash-1", body, "crash-key");
		assertThat(replayed.getBody()).isEqualTo(takenOver.getBody());
		assertThat(replayed.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(summary(http(), "multi-crash").getBody().get("count").asLong()).isEqualTo(2);
	}

	/**
	 * The gateway retries a keyed rating whose instance crashed mid-request on the other
	 * instance within a second: the claim names its holder, and a holder whose port
	 * refuses connections is gone, so the retry runs at once. A holder that still answers
	 * keeps its claim (409 and Retry-After, as any request in flight).
	 */
	@Test
	void aClaimWhoseHolderRefusesConnectionsIsTakenOverAtOnce() throws Exception {
		MongoTemplate store = second.bean(MongoTemplate.class);
		String body = "{\"content_id\":\"multi-dead\",\"rating\":5}";
		assertThat(keyed(http(), "dead-0", body, "dead-key").getStatusCode().value()).isEqualTo(200);
		String fingerprint = store.findById("dead-0 dead-key", Document.class, "idempotency_keys")
			.getString("fingerprint");
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		store.insert(new Document("_id", "dead-1 dead-key").append("fingerprint", fingerprint)
			.append("state", "IN_PROGRESS")
			.append("holder", "127.0.0.1:" + closedPort)
			.append("life", "a crashed process")
			.append("created_at", Instant.now()), "idempotency_keys");
		store.insert(new Document("_id", "busy-1 dead-key").append("fingerprint", fingerprint)
			.append("state", "IN_PROGRESS")
			.append("holder", "127.0.0.1:" + port)
			.append("life", "the first instance, still at work")
			.append("created_at", Instant.now()), "idempotency_keys");
		long countBefore = summary(http(), "multi-dead").getBody().get("count").asLong();

		ResponseEntity<JsonNode> takenOver = keyed(second.http(), "dead-1", body, "dead-key");
		assertThat(takenOver.getStatusCode().value()).isEqualTo(200);
		assertThat(takenOver.getBody().get("count").asLong()).isEqualTo(countBefore + 1);
		assertThat(keyed(http(), "dead-1", body, "dead-key").getHeaders().getFirst("Idempotent-Replayed"))
			.isEqualTo("true");
		ResponseEntity<JsonNode> stillHeld = keyed(second.http(), "busy-1", body, "dead-key");
		assertProblem(stillHeld, 409, "still being processed");
		assertThat(summary(http(), "multi-dead").getBody().get("count").asLong()).isEqualTo(countBefore + 1);
	}

	/**
	 * A double submit of one client's first rating, one copy to each instance, holds one
	 * of its address's three places: two more people at that address can still rate.
	 */
	@Test
	void aDoubleSubmitOverBothInstancesTakesOnePlaceOfTheAddress() throws Exception {
		int addresses = 40;
		List<Callable<Integer>> doubles = new ArrayList<>();
		for (int a = 0; a < addresses; a++) {
			String client = "double-" + a;
			String address = "192.0.2." + a;
			doubles.add(() -> rate(http(), client, address, "multi-double", 4).getStatusCode().value());
			doubles.add(() -> rate(second.http(), client, address, "multi-double", 4).getStatusCode().value());
		}
		assertThat(concurrently(doubles)).containsOnly(200);

		for (int a = 0; a < addresses; a++) {
			String address = "192.0.2." + a;
			assertThat(rate(instance(a), "second-" + a, address, "multi-double", 3).getStatusCode().value())
				.as("the second person at %s", address)
				.isEqualTo(200);
			assertThat(rate(instance(a + 1), "third-" + a, address, "multi-double", 3).getStatusCode().value())
				.as("the third person at %s", address)
				.isEqualTo(200);
			assertProblem(rate(instance(a), "fourth-" + a, address, "multi-double", 3), 409, "3 ratings");
		}
		assertThat(summary(second.http(), "multi-double").getBody().get("count").asLong()).isEqualTo(3L * addresses);
	}

	private static String addressNumber(int a) {
		return "198.18." + (a / 100) + "." + (a % 100);
	}

	private static int starsOf(int address) {
		return 1 + address % 5;
	}

	/** Runs every call at the same moment; their answers in the calls' order. */
	private <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> call : calls) {
			futures.add(pool.submit(() -> {
				start.await();
				return call.call();
			}));
		}
		start.countDown();
		List<T> answers = new ArrayList<>();
		for (Future<T> future : futures) {
			answers.add(future.get(90, TimeUnit.SECONDS));
		}
		return answers;
	}

	private static ResponseEntity<JsonNode> summary(RestClient instance, String contentId) {
		return instance.get().uri("/api/v1/ratings/" + contentId).retrieve().toEntity(JsonNode.class);
	}

	private static ResponseEntity<JsonNode> keyed(RestClient instance, String client, String json, String key) {
		return instance.post()
			.uri("/api/v1/ratings")
			.header("X-Client-Id", client)
			.header("X-Client-Address", addressOf(client))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(JsonNode.class);
	}

}
