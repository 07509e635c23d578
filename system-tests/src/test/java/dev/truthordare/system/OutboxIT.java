package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kafka down: CMS still moderates, and every decision reaches the players once the broker
 * is back.
 */
class OutboxIT {

	private final SharedSystem system = SharedSystem.get();

	private final Client gateway = system.gateway;

	@Test
	void decisionsTakenWhileKafkaIsDownAreServedOnceItIsBack() {
		String token = system.adminToken();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			Client.Answer created = gateway.post(
					"/api/v1/cms/content", "{\"type\":\"dare\",\"content\":\"Outbox dare " + UUID.randomUUID()
							+ " for everyone\"," + "\"category\":\"silly\",\"difficulty\":\"easy\"}",
					"Authorization", "Bearer " + token);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			ids.add(created.json().get("id").asString());
		}
		List<String> approved = ids.subList(0, 20);
		List<String> rejected = ids.subList(20, 25);

		system.launcher.localStack().stopKafka();
		try {
			for (String id : approved) {
				Client.Answer answer = gateway.post("/api/v1/cms/content/" + id + "/approve", "{}", "Authorization",
						"Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			for (String id : rejected) {
				Client.Answer answer = gateway.post("/api/v1/cms/content/" + id + "/reject",
						"{\"reason_code\":\"LOW_QUALITY\"}", "Authorization", "Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			for (String id : approved) {
				assertThat(gateway.get("/api/v1/dares/" + id).status()).isEqualTo(404);
			}
		}
		finally {
			system.launcher.localStack().startKafka();
		}

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (String id : approved) {
				assertThat(gateway.get("/api/v1/dares/" + id).status()).as(id).isEqualTo(200);
			}
		});
		for (String id : rejected) {
			assertThat(gateway.get("/api/v1/dares/" + id).status()).as(id).isEqualTo(404);
		}
		// every decision is in the history exactly once, however often the relay had to
		// retry
		for (String id : ids) {
			Client.Answer history = gateway.get("/api/v1/cms/content/" + id + "/history", "Authorization",
					"Bearer " + token);
			assertThat(history.json().get("history").size()).isEqualTo(2);
		}
	}

}
