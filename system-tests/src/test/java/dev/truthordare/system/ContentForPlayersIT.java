package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.SystemLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What a game client sees of content-service through the gateway, on the seeded
 * catalogue: filters, lists, facets, caching headers and no-repeat game sessions. Only
 * reads and games: nothing here changes the catalogue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentForPlayersIT {

	private SystemLauncher system;

	private Client gateway;

	@BeforeAll
	void theSystemIsUpWithItsSeedCatalogue() {
		SharedSystem shared = SharedSystem.get();
		system = shared.launcher;
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	/** Client.java has no DELETE; a game is ended with one. */
	private int deleteStatus(String path) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.gatewayUrl() + path))
				.DELETE()
				.timeout(Duration.ofSeconds(30))
				.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static int count(JsonNode facet, String id) {
		for (JsonNode entry : facet) {
			if (entry.get("id").asString().equals(id)) {
				return entry.get("count").asInt();
			}
		}
		throw new AssertionError(id + " not in " + facet);
	}

	@Test
	void aGameHandsOutEveryTruthOfItsCategoryOnceBeforeRoundTwo() throws Exception {
		int embarrassing = count(gateway.get("/api/v1/truths/categories?max_age_rating=13%2B").json().get("categories"),
				"embarrassing");
		Client.Answer created = gateway.post("/api/v1/games",
				"{\"players\": 4, \"max_age_rating\": \"13+\", \"categories\": [\"embarrassing\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String game = created.json().get("game_id").asString();

		// other test classes share this system: draw until the round turns rather than
		// trusting the count alone
		List<String> firstRound = new ArrayList<>();
		JsonNode answer = gateway.get("/api/v1/games/" + game + "/truth").json();
		while (answer.get("round").asInt() == 1 && firstRound.size() <= embarrassing + 20) {
			assertThat(answer.get("item").get("category").asString()).isEqualTo("embarrassing");
			assertThat(answer.get("item").get("age_rating").asString()).isIn("all", "13+");
			firstRound.add(answer.get("item").get("id").asString());
			answer = gateway.get("/api/v1/games/" + game + "/truth").json();
		}
		assertThat(embarrassing).isGreaterThan(1);
		assertThat(answer.get("round").asInt()).isEqualTo(2);
		assertThat(firstRound).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(embarrassing);
		assertThat(gateway.get("/api/v1/games/" + game + "/dare").json().get("item").get("type").asString())
			.isEqualTo("dare");

		assertThat(gateway.get("/api/v1/games/" + game).status()).isEqualTo(200);
		assertThat(deleteStatus("/api/v1/games/" + game)).isEqualTo(204);
		Client.Answer gone = gateway.get("/api/v1/games/" + game + "/truth");
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void filtersListsAndFacetsWorkThroughTheGateway() {
		Set<String> difficulties = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			Client.Answer dare = gateway
				.get("/api/v2/dares/random?difficulty=easy&difficulty=medium&players=4&props=none");
			assertThat(dare.status()).as(dare.body()).isEqualTo(200);
			assertThat(dare.header("Cache-Control")).isEqualTo("no-store");
			JsonNode item = dare.json();
			difficulties.add(item.get("difficulty").asString());
			assertThat(item.get("group_size").get("min").asInt()).isLessThanOrEqualTo(4);
			assertThat(item.get("group_size").get("max").asInt()).isGreaterThanOrEqualTo(4);
			assertThat(item.get("props_required") == null || item.get("props_required").isEmpty()).isTrue();
		}
		assertThat(difficulties).isSubsetOf("easy", "medium");

		JsonNode page = gateway.get("/api/v1/truths?size=10&page=2").json();
		assertThat(page.get("items")).hasSize(10);
		assertThat(page.get("total").asInt()).isPositive();
		assertThat(page.get("links").get("prev").asString()).contains("page=1");

		Client.Answer badSize = gateway.get("/api/v1/truths?size=500");
		assertThat(badSize.status()).isEqualTo(400);
		assertThat(badSize.header("Content-Type")).startsWith("application/problem+json");
		assertThat(badSize.json().get("detail").asString()).contains("size");

		Client.Answer unknown = gateway.get("/api/v1/dares/random?difficulty=impossible");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("allowed_values").toString()).contains("easy", "extreme");

		JsonNode stats = gateway.get("/api/v1/stats").json();
		assertThat(stats.get("by_type").get("truth").asInt()).isEqualTo(stats.get("truths").asInt());
		assertThat(stats.get("by_difficulty").get("easy").asInt()).isPositive();
		assertThat(stats.get("by_age_rating").get("truth").get("all").asInt()).isPositive();
	}

	@Test
	void cacheableAnswersAre304WhenUnchangedThroughTheGateway() {
		for (String path : List.of("/api/v1/truths/categories?lang=id", "/api/v1/dares/difficulties", "/api/v1/stats",
				"/api/v1/truths/truth-001", "/api/v2/dares/dare-001")) {
			Client.Answer first = gateway.get(path);
			assertThat(first.status()).as(path).isEqualTo(200);
			assertThat(first.header("Cache-Control")).as(path).contains("max-age");
			String etag = first.header("ETag");
			assertThat(etag).as(path).isNotBlank();
			assertThat(gateway.get(path, "If-None-Match", etag).status()).as(path).isEqualTo(304);
		}
		Client.Answer categories = gateway.get("/api/v1/truths/categories?lang=id");
		assertThat(categories.header("Content-Language")).isEqualTo("id");
		assertThat(categories.body()).contains("Lucu");
	}

}
