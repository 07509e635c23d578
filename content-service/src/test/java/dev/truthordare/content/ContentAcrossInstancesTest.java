package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.web.testing.SecondInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two content-service instances on one store and one broker, as the gateway balances
 * players over them: each holds the whole catalogue and applies every update of the
 * content stream, a game's draws may land on either without repeats, and their ETags
 * agree. The items changed here are "embarrassing" truths that end archived, so the
 * catalogue other tests expect is the same afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentAcrossInstancesTest extends ContentServiceTestBase {

	private static final String TRANSLATION_SERVICE = "spring.cloud.discovery.client.simple.instances.translation-service[0].uri";

	private static final List<String> CHANGED = List.of("t-multi-1", "t-multi-2", "t-multi-3", "t-multi-4",
			"t-multi-5");

	@Autowired
	Environment environment;

	private SecondInstance second;

	@BeforeAll
	void aSecondInstanceRunsBesideTheFirst() {
		second = SecondInstance.beside(ContentApplication.class, environment, TRANSLATION_SERVICE);
	}

	@AfterAll
	void stopTheSecondInstance() {
		second.close();
	}

	@Test
	void everyInstanceHoldsTheWholeCatalogueAndAppliesEveryUpdate() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertSameCatalogue(second));
		long total = get(http(), "/api/v2/stats").getBody().path("total").asLong();

		CHANGED.forEach(id -> publish(truth(id, "embarrassing", ContentStatus.APPROVED, 1, "all")));
		kafka.send(CloudEvents.record(EventType.RATING_SUMMARY, "t-multi-1",
				new RatingSummary("t-multi-1", 3.5, 2, Map.of("3", 1L, "4", 1L), 0.2, 1), "/test"))
			.join();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (RestClient instance : List.of(http(), second.http())) {
				for (String id : CHANGED) {
					assertThat(get(instance, "/api/v2/truths/" + id).getStatusCode().value()).as(id).isEqualTo(200);
				}
				assertThat(get(instance, "/api/v2/truths/t-multi-1").getBody().path("rating").path("count").asLong())
					.isEqualTo(2);
			}
		});
		assertSameCatalogue(second);

		publish(truth("t-multi-2", "embarrassing", ContentStatus.FLAGGED, 2, "all"));
		publish(truth("t-multi-3", "embarrassing", ContentStatus.ARCHIVED, 2, "all"));
		publish(truth("t-multi-4", "embarrassing", ContentStatus.REJECTED, 2, "all"));
		// a stale replay of an older version brings nothing back on either instance
		publish(truth("t-multi-3", "embarrassing", ContentStatus.APPROVED, 1, "all"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (RestClient instance : List.of(http(), second.http())) {
				for (String id : List.of("t-multi-2", "t-multi-3", "t-multi-4")) {
					assertThat(get(instance, "/api/v2/truths/" + id).getStatusCode().value()).as(id).isEqualTo(404);
				}
				assertThat(get(instance, "/api/v2/stats").getBody()
					.path("by_category")
					.path("truth")
					.path("embarrassing")
					.asInt()).isEqualTo(2);
			}
		});
		assertSameCatalogue(second);

		// an instance started now builds from the shared projection and the stream
		try (SecondInstance late = SecondInstance.beside(ContentApplication.class, environment, TRANSLATION_SERVICE)) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertSameCatalogue(late));
			assertThat(get(late.http(), "/api/v2/truths/t-multi-2").getStatusCode().value()).isEqualTo(404);
			assertThat(get(late.http(), "/api/v2/truths/t-multi-1").getBody().path("rating").path("count").asLong())
				.isEqualTo(2);
		}

		publish(truth("t-multi-1", "embarrassing", ContentStatus.ARCHIVED, 2, "all"));
		publish(truth("t-multi-5", "embarrassing", ContentStatus.ARCHIVED, 2, "all"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(second.http(), "/api/v2/stats").getBody().path("total").asLong())
				.isEqualTo(total));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSameCatalogue(second));
	}

	@Test
	void aGamesDrawsAlternatingOverBothInstancesNeverRepeatUntilThePoolIsExhausted() {
		ResponseEntity<JsonNode> created = second.http()
			.post()
			.uri("/api/v1/games")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body("{\"players\": 4, \"max_age_rating\": \"13+\", \"categories\": [\"deep\"]}")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String game = created.getBody().get("game_id").asString();

		int draw = 0;
		for (int round = 1; round <= 3; round++) {
			List<String> drawn = new ArrayList<>();
			for (int i = 0; i < DEEP.size(); i++) {
				JsonNode answer = drawFrom(draw++ % 2 == 0 ? http() : second.http(), game);
				assertThat(answer.get("round").asInt()).isEqualTo(round);
				drawn.add(answer.get("item").get("id").asString());
			}
			assertThat(drawn).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(DEEP);
		}
		assertThat(get(http(), "/api/v1/games/" + game).getBody().get("truth_round").asInt()).isEqualTo(3);
		assertThat(get(second.http(), "/api/v1/games/" + game).getBody().get("truth_round").asInt()).isEqualTo(3);
	}

	@Test
	void simultaneousDrawsOfOneGameOnBothInstancesNeverHandOutAnItemTwice() throws Exception {
		String game = post("/api/v1/games", "{\"players\": 4, \"max_age_rating\": \"13+\", \"categories\": [\"deep\"]}")
			.getBody()
			.get("game_id")
			.asString();
		ExecutorService players = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<String>>> hands = new ArrayList<>();
			for (int player = 0; player < 4; player++) {
				int seat = player;
				hands.add(players.submit(() -> {
					start.await();
					List<String> mine = new ArrayList<>();
					for (int i = 0; i < DEEP.size() / 4; i++) {
						RestClient instance = (seat + i) % 2 == 0 ? http() : second.http();
						mine.add(drawFrom(instance, game).get("item").get("id").asString());
					}
					return mine;
				}));
			}
			start.countDown();
			List<String> all = new ArrayList<>();
			for (Future<List<String>> hand : hands) {
				all.addAll(hand.get(60, TimeUnit.SECONDS));
			}
			assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(DEEP);
		}
		finally {
			players.shutdownNow();
		}
	}

	/**
	 * A client that cached an answer of one instance is told "not modified" by the other
	 * when both hold the same catalogue.
	 */
	@Test
	void anETagFromOneInstanceIsHonouredByTheOther() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertSameCatalogue(second));
		for (String path : List.of("/api/v2/stats", "/api/v2/truths/categories", "/api/v2/dares/difficulties",
				"/api/v2/truths?category=deep", "/api/v2/truths/t-deep-02")) {
			String etag = get(http(), path).getHeaders().getETag();
			assertThat(etag).as(path).isEqualTo(get(second.http(), path).getHeaders().getETag());
			assertThat(get(second.http(), path, "If-None-Match", etag).getStatusCode().value()).as(path).isEqualTo(304);
		}
	}

	/**
	 * The same stats and the same answers for every seeded item as this test's instance.
	 */
	private void assertSameCatalogue(SecondInstance other) {
		assertThat(get(other.http(), "/api/v2/stats").getBody()).isEqualTo(get(http(), "/api/v2/stats").getBody());
		assertThat(get(other.http(), "/api/v2/truths?category=deep&size=50").getBody())
			.isEqualTo(get(http(), "/api/v2/truths?category=deep&size=50").getBody());
		for (String id : List.of("t-approved-1", "t-archived", "t-pending", "d-outdoor")) {
			String path = (id.startsWith("d-") ? "/api/v2/dares/" : "/api/v2/truths/") + id;
			ResponseEntity<JsonNode> here = get(http(), path);
			ResponseEntity<JsonNode> there = get(other.http(), path);
			assertThat(there.getStatusCode()).as(path).isEqualTo(here.getStatusCode());
			assertThat(there.getBody()).as(path).isEqualTo(here.getBody());
		}
	}

	private static JsonNode drawFrom(RestClient instance, String game) {
		ResponseEntity<JsonNode> answer = get(instance, "/api/v1/games/" + game + "/truth");
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		return answer.getBody();
	}

	private static ResponseEntity<JsonNode> get(RestClient instance, String path, String... headers) {
		return instance.get().uri(path).headers(h -> {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				h.add(headers[i], headers[i + 1]);
			}
		}).retrieve().toEntity(JsonNode.class);
	}

}
