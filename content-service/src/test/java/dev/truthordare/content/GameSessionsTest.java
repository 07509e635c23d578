package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Game sessions: no item twice in a game until its pool is exhausted, then a new round;
 * removed items never drawn.
 */
class GameSessionsTest extends ContentServiceTestBase {

	@Autowired
	MongoTemplate mongo;

	private String newGame(String json) {
		ResponseEntity<JsonNode> created = post("/api/v1/games", json);
		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
		String id = created.getBody().get("game_id").asString();
		assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/games/" + id);
		return id;
	}

	private JsonNode draw(String game, String kind) {
		ResponseEntity<JsonNode> answer = get("/api/v1/games/" + game + "/" + kind);
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
		return answer.getBody();
	}

	@Test
	void aGameNeverRepeatsAnItemUntilItsPoolIsExhaustedThenStartsRoundTwo() {
		String game = newGame("{\"players\": 4, \"max_age_rating\": \"13+\", \"categories\": [\"deep\"]}");

		for (int round = 1; round <= 3; round++) {
			List<String> drawn = new ArrayList<>();
			for (int i = 0; i < DEEP.size(); i++) {
				JsonNode answer = draw(game, "truth");
				assertThat(answer.get("round").asInt()).isEqualTo(round);
				assertThat(answer.get("game_id").asString()).isEqualTo(game);
				drawn.add(answer.get("item").get("id").asString());
			}
			assertThat(drawn).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(DEEP);
		}
		assertThat(get("/api/v1/games/" + game).getBody().get("truth_round").asInt()).isEqualTo(3);
		assertThat(draw(game, "truth").get("round").asInt()).isEqualTo(4);
	}

	@Test
	void simultaneousDrawsInOneGameNeverHandOutTheSameItemTwice() throws Exception {
		String game = newGame("{\"players\": 4, \"categories\": [\"deep\"]}");
		ExecutorService players = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<String>>> hands = new ArrayList<>();
			for (int player = 0; player < 4; player++) {
				hands.add(players.submit(() -> {
					List<String> mine = new ArrayList<>();
					for (int i = 0; i < DEEP.size() / 4; i++) {
						mine.add(draw(game, "truth").get("item").get("id").asString());
					}
					return mine;
				}));
			}
			List<String> drawn = new ArrayList<>();
			for (Future<List<String>> hand : hands) {
				drawn.addAll(hand.get(60, TimeUnit.SECONDS));
			}
			assertThat(drawn).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(DEEP);
		}
		finally {
			players.shutdownNow();
		}
	}

	@Test
	void aGamesSettingsFilterItsDecks() {
		String game = newGame(
				"{\"players\": 9, \"categories\": [\"funny\", \"social\", \"physical\"], \"lang\": \"id-ID\"}");

		JsonNode first = draw(game, "dare");
		JsonNode second = draw(game, "dare");
		assertThat(first.get("item").get("id").asString()).isEqualTo("d-social"); // the
																					// only
																					// dare
																					// for
																					// 9
																					// players
		assertThat(first.get("round").asInt()).isEqualTo(1);
		assertThat(second.get("round").asInt()).isEqualTo(2);
		Set<String> truths = new HashSet<>();
		truths.add(draw(game, "truth").get("item").get("id").asString());
		truths.add(draw(game, "truth").get("item").get("id").asString());
		assertThat(truths).containsExactlyInAnyOrder("t-approved-1", "t-approved-2");
		assertThat(draw(game, "truth").get("round").asInt()).isEqualTo(2);
		assertThat(get("/api/v1/games/" + game).getBody().get("lang").asString()).isEqualTo("id");
	}

	@Test
	void anItemRemovedFromPlayMidGameIsNeverDrawn() {
		String game = newGame("{\"players\": 2, \"categories\": [\"relationships\"]}");
		Set<String> drawn = new HashSet<>();
		drawn.add(draw(game, "truth").get("item").get("id").asString());
		drawn.add(draw(game, "truth").get("item").get("id").asString());
		String removed = RELATIONSHIPS.stream().filter(id -> !drawn.contains(id)).findFirst().orElseThrow();

		publish(truth(removed, "relationships", ContentStatus.FLAGGED, 2, "all"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/v1/truths/" + removed).getStatusCode().value() == 404);

		for (int i = 0; i < RELATIONSHIPS.size() - 3; i++) {
			JsonNode answer = draw(game, "truth");
			assertThat(answer.get("round").asInt()).isEqualTo(1);
			assertThat(drawn.add(answer.get("item").get("id").asString())).isTrue();
		}
		assertThat(drawn).doesNotContain(removed).hasSize(RELATIONSHIPS.size() - 1);
		JsonNode nextRound = draw(game, "truth");
		assertThat(nextRound.get("round").asInt()).isEqualTo(2);
		assertThat(nextRound.get("item").get("id").asString()).isNotEqualTo(removed);
	}

	@Test
	void anEndedOrExpiredGameIs404() {
		String ended = newGame("{\"players\": 3}");
		String idle = newGame("{\"players\": 3}");

		assertThat(delete("/api/v1/games/" + ended).getStatusCode().value()).isEqualTo(204);
		ResponseEntity<JsonNode> afterEnd = get("/api/v1/games/" + ended + "/truth");
		assertThat(afterEnd.getStatusCode().value()).isEqualTo(404);
		assertThat(afterEnd.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(delete("/api/v1/games/" + ended).getStatusCode().value()).isEqualTo(404);

		draw(idle, "truth");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(idle)),
				Update.update("expiresAt", Instant.now().minusSeconds(1)), "games");
		assertThat(get("/api/v1/games/" + idle + "/dare").getStatusCode().value()).isEqualTo(404);
		assertThat(get("/api/v1/games/" + idle).getStatusCode().value()).isEqualTo(404);
		assertThat(get("/api/v1/games/no-such-game/truth").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aDrawMovesTheIdleExpiryForward() {
		String game = newGame("{\"players\": 3}");
		Instant created = Instant.parse(get("/api/v1/games/" + game).getBody().get("expires_at").asString());

		await().atMost(Duration.ofSeconds(5))
			.until(() -> Instant.now().isAfter(created.minus(Duration.ofHours(24)).plusMillis(20)));
		draw(game, "dare");

		Instant after = Instant.parse(get("/api/v1/games/" + game).getBody().get("expires_at").asString());
		assertThat(after).isAfter(created);
		assertThat(Duration.between(Instant.now(), after)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
	}

	@Test
	void badGameSettingsAre400ProblemsNeverErrors() {
		for (String body : List.of("{}", "{\"players\": 0}", "{\"players\": \"four\"}", "{\"players\": 4,",
				"{\"players\": 4, \"max_age_rating\": \"21+\"}", "{\"players\": 4, \"categories\": [\"spicy\"]}",
				"{\"players\": 4, \"difficulties\": [\"easy\", \"brutal\"]}", "{\"players\": 4, \"lang\": \"xx\"}",
				"[1,2]", "")) {
			ResponseEntity<JsonNode> answer = post("/api/v1/games", body);
			assertThat(answer.getStatusCode().value()).as(body + " → " + answer.getBody()).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		ResponseEntity<JsonNode> impossible = post("/api/v1/games",
				"{\"players\": 1000, \"max_age_rating\": \"all\", \"categories\": [\"embarrassing\", \"creative\"]}");
		assertThat(impossible.getStatusCode().value()).isEqualTo(422);
	}

	@Test
	void gameSettingsAreReadStrictlyAndAWronglyTypedOneCreatesNoGame() {
		long before = mongo.count(new Query(), "games");
		for (String body : List.of("{\"players\": \"4\"}", "{\"players\": 4.5}", "{\"players\": 4, \"players\": 5}",
				"{\"players\": 4, \"$where\": \"sleep(1000)\"}", "{\"players\": 4, \"lang\": 42}", "{\"players\": [4]}",
				"{\"players\": 4} {\"players\": 5}")) {
			ResponseEntity<JsonNode> answer = post("/api/v1/games", body);
			assertThat(answer.getStatusCode().value()).as(body + " → " + answer.getBody()).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(mongo.count(new Query(), "games")).isEqualTo(before);
	}

}
