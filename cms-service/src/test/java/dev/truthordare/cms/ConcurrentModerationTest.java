package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Two moderators acting on one item at the same moment: exactly one wins, the other is
 * told and changes nothing.
 */
class ConcurrentModerationTest extends CmsTestSupport {

	@RepeatedTest(3)
	void approveAndRejectAtOnceLetExactlyOneWin() throws Exception {
		String alice = tokenWithRoles("MODERATOR");
		String bob = tokenWithRoles("MODERATOR");
		String id = createTruth(adminToken());
		String etag = "\"0\"";
		CountDownLatch start = new CountDownLatch(1);

		try (var pool = Executors.newFixedThreadPool(2)) {
			CompletableFuture<ResponseEntity<JsonNode>> approve = CompletableFuture.supplyAsync(() -> {
				await(start);
				return http().post()
					.uri("/api/v1/cms/content/{id}/approve", id)
					.header("Authorization", "Bearer " + alice)
					.header("If-Match", etag)
					.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
					.body(Map.of())
					.retrieve()
					.toEntity(JsonNode.class);
			}, pool);
			CompletableFuture<ResponseEntity<JsonNode>> reject = CompletableFuture.supplyAsync(() -> {
				await(start);
				return http().post()
					.uri("/api/v1/cms/content/{id}/reject", id)
					.header("Authorization", "Bearer " + bob)
					.header("If-Match", etag)
					.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
					.body(Map.of("reason_code", "LOW_QUALITY"))
					.retrieve()
					.toEntity(JsonNode.class);
			}, pool);
			start.countDown();

			List<Integer> statuses = List.of(approve.get().getStatusCode().value(),
					reject.get().getStatusCode().value());
			assertThat(statuses).containsOnlyOnce(200);
			assertThat(statuses).anyMatch(status -> status == 409 || status == 412);
			String winner = approve.get().getStatusCode().value() == 200 ? "APPROVED" : "REJECTED";
			assertThat(status(id)).isEqualTo(winner);
			JsonNode history = call(HttpMethod.GET, "/api/v1/cms/content/" + id + "/history", adminToken(), null)
				.getBody();
			assertThat(history.get("history")).hasSize(2); // create + the winner's action
															// only
		}
	}

	@Test
	void aStaleIfMatchIsRefusedWith412() {
		String id = createTruth(adminToken());

		ResponseEntity<JsonNode> stale = http().post()
			.uri("/api/v1/cms/content/{id}/approve", id)
			.header("Authorization", "Bearer " + adminToken())
			.header("If-Match", "\"7\"")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(stale.getStatusCode().value()).isEqualTo(412);
		assertThat(stale.getBody().get("current_version").asLong()).isZero();
		assertThat(status(id)).isEqualTo("PENDING");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
