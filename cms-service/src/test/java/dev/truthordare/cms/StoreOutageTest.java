package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The store stops and comes back on the same port while the CMS runs: a moderator's write
 * (whose token is checked against the accounts in the store) and a login are a 503
 * problem with {@code Retry-After} within seconds, not a 500 or a 401; nothing is stored
 * meanwhile; writes work again without a restart.
 */
class StoreOutageTest extends CmsTestSupport {

	@AfterEach
	void storeIsBack() {
		MONGO.start();
	}

	@Test
	void writesAndLoginsAre503WhileTheStoreIsDownAndNothingIsHalfStored() {
		String token = tokenWithRoles("MODERATOR");
		Map<String, String> truth = Map.of("type", "truth", "content",
				"Which moment of " + UUID.randomUUID() + " would you relive?", "category", "deep");

		MONGO.stop();
		long started = System.nanoTime();
		ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/v1/cms/content", token, truth);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertStoreUnavailable(refused);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertStoreUnavailable(call(HttpMethod.POST, "/api/v1/cms/auth/token", null,
				Map.of("username", "chief", "password", ADMIN_PASSWORD)));
		assertThat(call(HttpMethod.GET, "/actuator/health/liveness", null, null).getStatusCode().value())
			.isEqualTo(200);
		assertThat(call(HttpMethod.GET, "/actuator/health/readiness", null, null).getStatusCode().value())
			.isEqualTo(503);

		MONGO.start();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(call(HttpMethod.POST, "/api/v1/cms/content", token, truth).getStatusCode().value())
						.as("the same text again: a near-duplicate had the refused write been stored")
						.isEqualTo(201));
		assertThat(call(HttpMethod.GET, "/actuator/health/readiness", null, null).getStatusCode().value())
			.isEqualTo(200);
	}

	private static void assertStoreUnavailable(ResponseEntity<JsonNode> answer) {
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(503);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(answer.getBody().get("detail").asString()).contains("data store is unavailable");
		assertThat(answer.getBody().toString()).doesNotContain("localhost", "Exception");
	}

}
