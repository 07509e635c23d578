package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentStatus;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The store stops and comes back on the same port while the service runs: the player
 * reads served from the in-memory index (random, by id, lists, stats) keep answering;
 * starting a game (which the store holds) is a 503 problem with {@code Retry-After}
 * within seconds and stores nothing; an item approved meanwhile is served once the store
 * is back, not dead-lettered; games start again without a restart.
 */
class StoreOutageTest extends ContentServiceTestBase {

	private static final String GAME = "{\"players\": 4, \"categories\": [\"deep\"]}";

	@AfterEach
	void storeIsBack() {
		MONGO.start();
	}

	@Test
	void readsFromMemoryKeepWorkingGamesAre503AndEverythingRecoversWithoutARestart() {
		String startedBefore = created(call("POST", "/api/v1/games", GAME));

		MONGO.stop();
		publish(truth("t-outage-1", "embarrassing", ContentStatus.APPROVED, 1, "all"));

		for (String path : new String[] { "/api/v1/truths/random?category=deep", "/api/v2/dares/random",
				"/api/v2/truths/t-deep-01?lang=id", "/api/v1/truths?category=deep", "/api/v2/stats" }) {
			assertThat(call("GET", path, null).getStatusCode().value()).as(path).isEqualTo(200);
		}
		long started = System.nanoTime();
		ResponseEntity<JsonNode> refused = call("POST", "/api/v1/games", GAME);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(refused.getStatusCode().value()).isEqualTo(503);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(refused.getBody().get("detail").asString()).contains("data store is unavailable");
		assertThat(refused.getBody().toString()).doesNotContain("localhost", "Exception");
		assertThat(call("GET", "/api/v1/games/" + startedBefore + "/truth", null).getStatusCode().value())
			.isEqualTo(503);
		assertThat(call("GET", "/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);

		MONGO.start();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(call("POST", "/api/v1/games", GAME).getStatusCode().value()).isEqualTo(201));
		assertThat(call("GET", "/api/v1/games/" + startedBefore + "/truth", null).getStatusCode().value())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(call("GET", "/api/v2/truths/t-outage-1", null).getStatusCode().value())
				.as("approved while the store was down")
				.isEqualTo(200));

		// leaves the catalogue as the other test classes expect it
		publish(truth("t-outage-1", "embarrassing", ContentStatus.ARCHIVED, 2, "all"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(call("GET", "/api/v2/truths/t-outage-1", null).getStatusCode().value())
				.isEqualTo(404));
	}

	private static String created(ResponseEntity<JsonNode> answer) {
		assertThat(answer.getStatusCode().value()).isEqualTo(201);
		return answer.getBody().get("game_id").asString();
	}

	/**
	 * With the JDK's client: Apache's, the default, retries a 503 after its Retry-After
	 * by itself.
	 */
	private ResponseEntity<JsonNode> call(String method, String path, String json) {
		RestClient.RequestBodySpec request = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.defaultStatusHandler(status -> true, (req, response) -> {
			})
			.build()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(URI.create("http://localhost:" + port + path));
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

}
