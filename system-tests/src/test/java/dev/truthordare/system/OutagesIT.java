package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.InstanceId;
import dev.truthordare.infra.local.SystemLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The broker, the store and Redis each stopped and started again under a steady mixed
 * load through the gateway ({@link LoadedSystem}): decisions taken while Kafka is down
 * reach every service once it is back, reads served from memory keep working while the
 * store is down and writes answer 503 with Retry-After, the gateway lets players through
 * without Redis, and at the end every rating answered 2xx is counted exactly once. Part
 * of {@code ./mvnw verify} on whatever instances the shared system runs (one of each
 * there; two with {@code -Dfaults=true}, see {@link FaultsIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutagesIT {

	private static LoadedSystem fixture;

	@BeforeAll
	static void steadyLoad() {
		fixture = new LoadedSystem();
	}

	@AfterAll
	static void stopLoad() {
		if (fixture != null) {
			fixture.close();
		}
	}

	@Test
	@Order(1)
	void decisionsTakenWhileKafkaIsDownReachEveryServiceOnceItIsBack() {
		String token = fixture.system.adminToken();
		List<String> approved = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Client.Answer created = fixture.gateway.post("/api/v1/cms/content",
					"{\"type\":\"truth\",\"content\":\"Which fault " + UUID.randomUUID()
							+ " would you survive best?\",\"category\":\"deep\",\"age_rating\":\"all\"}",
					"Authorization", "Bearer " + token);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			(i < 10 ? approved : pending).add(created.json().get("id").asString());
		}
		long stoppedAt = System.currentTimeMillis();
		fixture.system.launcher.localStack().stopKafka();
		Map<String, String> edited = new HashMap<>();
		try {
			for (String id : approved) {
				Client.Answer answer = fixture.gateway.post("/api/v1/cms/content/" + id + "/approve", "{}",
						"Authorization", "Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			for (String id : approved.subList(0, 5)) {
				String text = "Which outage " + UUID.randomUUID() + " taught you the most?";
				Client.Answer answer = fixture.gateway.put("/api/v1/cms/content/" + id,
						"{\"content\":\"" + text + "\"}", "Authorization", "Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				edited.put(id, text);
			}
			// the broker stays down for 30 s of player traffic
			await().atMost(Duration.ofSeconds(60)).until(() -> fixture.load.settledUntil(stoppedAt + 30_000));
		}
		finally {
			fixture.system.launcher.localStack().startKafka();
		}
		long restartedAt = System.currentTimeMillis();
		fixture.awaitAnswersUntil(restartedAt, SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10));
		fixture.assertPlayersBarelyNoticed("Kafka stopped", fixture.load.between(stoppedAt, restartedAt), 0);

		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			for (String id : approved) {
				// every content-service instance holds the whole catalogue
				for (InstanceId content : fixture.system.launcher.instances(SystemLauncher.CONTENT)) {
					Client.Answer served = new Client(fixture.system.launcher.serviceUrl(content))
						.get("/api/v1/truths/" + id);
					assertThat(served.status()).as(id + " on " + content).isEqualTo(200);
					if (edited.containsKey(id)) {
						assertThat(served.json().get("content").asString()).isEqualTo(edited.get(id));
					}
				}
				assertThat(fixture.gateway.get("/api/v1/translations/" + id).status())
					.as("translation-service knows " + id)
					.isEqualTo(200);
			}
		});
		for (String id : approved) {
			// rating-service knows them too: a rating is accepted
			assertThat(fixture.gateway
				.post("/api/v1/ratings", "{\"content_id\":\"" + id + "\",\"rating\":4}", "X-Client-Id",
						"after-kafka-" + id)
				.status()).as("rating of " + id).isEqualTo(200);
			// each decision applied once: one creation, one approval, at most one edit
			JsonNode history = fixture.gateway
				.get("/api/v1/cms/content/" + id + "/history", "Authorization", "Bearer " + token)
				.json()
				.get("history");
			assertThat(history.size()).isEqualTo(edited.containsKey(id) ? 3 : 2);
		}
		for (String id : pending) {
			assertThat(fixture.gateway.get("/api/v1/truths/" + id).status()).as("never approved: " + id).isEqualTo(404);
		}
	}

	@Test
	@Order(2)
	void whileTheStoreIsDownReadsFromMemoryWorkAndWritesAnswer503WithRetryAfter() {
		Map<InstanceId, Long> pids = new HashMap<>();
		for (String module : SystemLauncher.SERVICES) {
			fixture.system.launcher.instances(module)
				.forEach(i -> pids.put(i, fixture.system.launcher.pid(i).orElseThrow()));
		}
		fixture.system.launcher.localStack().stopMongo();
		long stoppedAt = System.currentTimeMillis();
		try {
			// the store stays down for 15 s of player traffic
			await().atMost(Duration.ofSeconds(45)).until(() -> fixture.load.settledUntil(stoppedAt + 15_000));
		}
		finally {
			fixture.system.launcher.localStack().startMongo();
		}
		long restartedAt = System.currentTimeMillis();
		fixture.awaitAnswersUntil(restartedAt, SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10));
		List<SteadyLoad.Outcome> window = fixture.load.between(stoppedAt, restartedAt);
		// the catalogue is in every content-service instance's memory
		assertThat(window).filteredOn(o -> o.kind().equals("random") || o.kind().equals("by-id"))
			.isNotEmpty()
			.noneMatch(SteadyLoad.Outcome::failed);
		// writes: refused cleanly, never a 500, never a hang
		assertThat(window).filteredOn(SteadyLoad.Outcome::failed)
			.allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(503))
			.allSatisfy(o -> assertThat(o.isProblem()).as(o.toString()).isTrue())
			.allSatisfy(o -> assertThat(o.retryAfter()).as(o.toString()).isNotNull());
		// back without a restart: the last 5 s of ratings all succeeded
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			long now = System.currentTimeMillis();
			assertThat(fixture.load.between(now - 5000, now)).filteredOn(o -> o.kind().equals("rating"))
				.hasSizeGreaterThan(20)
				.noneMatch(SteadyLoad.Outcome::failed);
		});
		pids.forEach(
				(instance, pid) -> assertThat(fixture.system.launcher.pid(instance)).as(instance.name()).hasValue(pid));
		assertThat(restartedAt - stoppedAt).isGreaterThanOrEqualTo(15_000);
	}

	@Test
	@Order(3)
	void withoutRedisTheGatewayLetsPlayersThrough() {
		fixture.system.launcher.stopRedis();
		long stoppedAt = System.currentTimeMillis();
		try {
			await().atMost(Duration.ofSeconds(40)).until(() -> fixture.load.settledUntil(stoppedAt + 10_000));
		}
		finally {
			fixture.system.launcher.startRedis();
		}
		long restartedAt = System.currentTimeMillis();
		fixture.awaitAnswersUntil(restartedAt, SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10));
		fixture.assertPlayersBarelyNoticed("Redis stopped", fixture.load.between(stoppedAt, restartedAt), 0);
	}

	@Test
	@Order(4)
	void everyRatingAnsweredIsCountedOnce() {
		fixture.assertLedgerMatchesTheSystem();
	}

}
