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
 * One fault at a time, under a steady mixed load through the gateway
 * ({@link SteadyLoad}), with two instances of content- and rating-service behind it (of
 * all four services with {@code -Dfaults.full=true}). Players must not notice a crashed
 * or stopped instance, a broker outage or a Redis outage; a store outage turns writes
 * into 503s with Retry-After, and nothing is lost. The ledger is reconciled with the
 * system at the end.
 *
 * <p>
 * Runs on request, not in {@code ./mvnw verify} (see docs/reliability.md for why):
 * {@code ./mvnw -pl system-tests -am verify -Dtest=NoSuchTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultsIT -Dfaults=true}; with
 * {@code -Dfaults.full=true} it kills and stops one instance of each of the four
 * services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

	static final boolean FULL = Boolean.getBoolean("faults.full");

	static final int REQUESTS_PER_SECOND = 100;

	/** After a crash, how long the error rate is watched. */
	static final Duration AFTER_A_CRASH = Duration.ofSeconds(FULL ? 60 : 30);

	private static final SharedSystem system = SharedSystem.get();

	private static final Client gateway = system.gateway;

	private static final List<String> ratedItems = new ArrayList<>();

	private static final Map<String, Long> ratingsBefore = new HashMap<>();

	private static SteadyLoad load;

	@BeforeAll
	static void steadyLoad() {
		system.awaitSeedCatalogue();
		List<String> truths = servedIds("truths");
		List<String> dares = servedIds("dares");
		ratedItems.addAll(truths.subList(0, 5));
		ratedItems.addAll(dares.subList(0, 5));
		for (String id : ratedItems) {
			ratingsBefore.put(id, gateway.get("/api/v1/ratings/" + id).json().get("count").asLong());
		}
		List<String> games = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Client.Answer game = gateway.post("/api/v1/games", "{\"players\": 3}");
			assertThat(game.status()).as(game.body()).isEqualTo(201);
			games.add(game.json().get("game_id").asString());
		}
		load = new SteadyLoad(system.launcher.gatewayUrl(), truths, dares, ratedItems, games)
			.start(REQUESTS_PER_SECOND);
		// faults are measured from a steady state: right after start the JVMs still
		// compile and cms still seeds, and answers take seconds (steady: 10 s of 2xx,
		// each
		// under 2 s)
		await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			long settled = System.currentTimeMillis() - 2_000;
			List<SteadyLoad.Outcome> last = load.between(settled - 10_000, settled);
			return load.settledUntil(settled) && last.size() > 9 * REQUESTS_PER_SECOND
					&& last.stream().noneMatch(SteadyLoad.Outcome::failed)
					&& last.stream().allMatch(o -> o.tookMillis() < 2_000);
		});
	}

	@AfterAll
	static void stopLoad() {
		if (load != null) {
			load.close();
		}
	}

	private static List<String> servedIds(String kind) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : gateway.get("/api/v1/" + kind + "?size=40").json().get("items")) {
			ids.add(item.get("id").asString());
		}
		assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
		return ids;
	}

	private static List<String> servicesUnderTest() {
		return FULL
				? List.of(SystemLauncher.CONTENT, SystemLauncher.RATING, SystemLauncher.TRANSLATION, SystemLauncher.CMS)
				: List.of(SystemLauncher.CONTENT, SystemLauncher.RATING);
	}

	@Test
	@Order(1)
	void killingAnInstanceOfAServiceCostsPlayersAlmostNothingAndTheSupervisorBringsItBack() {
		for (String service : servicesUnderTest()) {
			InstanceId victim = system.launcher.instances(service).get(1);
			int restartsBefore = system.launcher.restarts(victim);
			long killedAt = System.currentTimeMillis();
			system.launcher.kill(victim);

			long windowEnd = killedAt + AFTER_A_CRASH.toMillis();
			await().atMost(AFTER_A_CRASH.plus(SteadyLoad.CLIENT_TIMEOUT).plusSeconds(10))
				.until(() -> load.settledUntil(windowEnd));
			List<SteadyLoad.Outcome> window = load.between(killedAt, killedAt + AFTER_A_CRASH.toMillis());
			assertPlayersBarelyNoticed(victim + " killed", window, 0.005);

			system.launcher.awaitBack(List.of(victim));
			assertThat(system.launcher.restarts(victim)).as(victim + " restarted by the supervisor")
				.isEqualTo(restartsBefore + 1);
		}
	}

	@Test
	@Order(2)
	void stoppingAnInstanceGracefullyCostsPlayersNothing() {
		for (String service : servicesUnderTest()) {
			InstanceId victim = system.launcher.instances(service).get(0);
			long stoppedAt = System.currentTimeMillis();
			system.launcher.terminate(victim);
			await().atMost(Duration.ofSeconds(60)).until(() -> !system.launcher.isRunning(victim));
			system.launcher.awaitBack(List.of(victim));
			long backAt = System.currentTimeMillis();
			await().atMost(SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10)).until(() -> load.settledUntil(backAt));

			List<SteadyLoad.Outcome> window = load.between(stoppedAt, backAt);
			assertPlayersBarelyNoticed(victim + " stopped (SIGTERM)", window, 0);
		}
	}

	@Test
	@Order(3)
	void decisionsTakenWhileKafkaIsDownReachEveryServiceOnceItIsBack() {
		String token = system.adminToken();
		List<String> approved = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Client.Answer created = gateway.post("/api/v1/cms/content",
					"{\"type\":\"truth\",\"content\":\"Which fault " + UUID.randomUUID()
							+ " would you survive best?\",\"category\":\"deep\",\"age_rating\":\"all\"}",
					"Authorization", "Bearer " + token);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			(i < 10 ? approved : pending).add(created.json().get("id").asString());
		}
		long stoppedAt = System.currentTimeMillis();
		system.launcher.localStack().stopKafka();
		Map<String, String> edited = new HashMap<>();
		try {
			for (String id : approved) {
				Client.Answer answer = gateway.post("/api/v1/cms/content/" + id + "/approve", "{}", "Authorization",
						"Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			for (String id : approved.subList(0, 5)) {
				String text = "Which outage " + UUID.randomUUID() + " taught you the most?";
				Client.Answer answer = gateway.put("/api/v1/cms/content/" + id, "{\"content\":\"" + text + "\"}",
						"Authorization", "Bearer " + token);
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				edited.put(id, text);
			}
			// the broker stays down for 30 s of player traffic
			await().atMost(Duration.ofSeconds(60)).until(() -> load.settledUntil(stoppedAt + 30_000));
		}
		finally {
			system.launcher.localStack().startKafka();
		}
		long restartedAt = System.currentTimeMillis();
		await().atMost(SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10)).until(() -> load.settledUntil(restartedAt));
		assertPlayersBarelyNoticed("Kafka stopped", load.between(stoppedAt, restartedAt), 0);

		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			for (String id : approved) {
				// every content-service instance holds the whole catalogue
				for (InstanceId content : system.launcher.instances(SystemLauncher.CONTENT)) {
					Client.Answer served = new Client(system.launcher.serviceUrl(content)).get("/api/v1/truths/" + id);
					assertThat(served.status()).as(id + " on " + content).isEqualTo(200);
					if (edited.containsKey(id)) {
						assertThat(served.json().get("content").asString()).isEqualTo(edited.get(id));
					}
				}
				assertThat(gateway.get("/api/v1/translations/" + id).status()).as("translation-service knows " + id)
					.isEqualTo(200);
			}
		});
		for (String id : approved) {
			// rating-service knows them too: a rating is accepted
			assertThat(gateway
				.post("/api/v1/ratings", "{\"content_id\":\"" + id + "\",\"rating\":4}", "X-Client-Id",
						"after-kafka-" + id)
				.status()).as("rating of " + id).isEqualTo(200);
			// each decision applied once: one creation, one approval, at most one edit
			JsonNode history = gateway.get("/api/v1/cms/content/" + id + "/history", "Authorization", "Bearer " + token)
				.json()
				.get("history");
			assertThat(history.size()).isEqualTo(edited.containsKey(id) ? 3 : 2);
		}
		for (String id : pending) {
			assertThat(gateway.get("/api/v1/truths/" + id).status()).as("never approved: " + id).isEqualTo(404);
		}
	}

	@Test
	@Order(4)
	void whileTheStoreIsDownReadsFromMemoryWorkAndWritesAnswer503WithRetryAfter() {
		Map<InstanceId, Long> pids = new HashMap<>();
		for (String module : SystemLauncher.SERVICES) {
			system.launcher.instances(module).forEach(i -> pids.put(i, system.launcher.pid(i).orElseThrow()));
		}
		system.launcher.localStack().stopMongo();
		long stoppedAt = System.currentTimeMillis();
		try {
			// the store stays down for 15 s of player traffic
			await().atMost(Duration.ofSeconds(45)).until(() -> load.settledUntil(stoppedAt + 15_000));
		}
		finally {
			system.launcher.localStack().startMongo();
		}
		long restartedAt = System.currentTimeMillis();
		await().atMost(SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10)).until(() -> load.settledUntil(restartedAt));
		List<SteadyLoad.Outcome> window = load.between(stoppedAt, restartedAt);
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
			assertThat(load.between(now - 5000, now)).filteredOn(o -> o.kind().equals("rating"))
				.hasSizeGreaterThan(20)
				.noneMatch(SteadyLoad.Outcome::failed);
		});
		pids.forEach((instance, pid) -> assertThat(system.launcher.pid(instance)).as(instance.name()).hasValue(pid));
		assertThat(restartedAt - stoppedAt).isGreaterThanOrEqualTo(15_000);
	}

	@Test
	@Order(5)
	void withoutRedisTheGatewayLetsPlayersThrough() {
		system.launcher.stopRedis();
		long stoppedAt = System.currentTimeMillis();
		try {
			await().atMost(Duration.ofSeconds(40)).until(() -> load.settledUntil(stoppedAt + 10_000));
		}
		finally {
			system.launcher.startRedis();
		}
		long restartedAt = System.currentTimeMillis();
		await().atMost(SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10)).until(() -> load.settledUntil(restartedAt));
		assertPlayersBarelyNoticed("Redis stopped", load.between(stoppedAt, restartedAt), 0);
	}

	@Test
	@Order(6)
	void theLedgerMatchesTheSystem() {
		load.close();
		// what a phone does with a rating that got no answer or a 503: the same request,
		// same key
		await().atMost(Duration.ofSeconds(60)).until(() -> load.resendUnanswered().isEmpty());
		Map<String, Long> answered = load.answeredRatingsPerItem();
		assertThat(answered.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(100);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (String id : ratedItems) {
				long now = gateway.get("/api/v1/ratings/" + id).json().get("count").asLong();
				assertThat(now - ratingsBefore.get(id)).as("ratings of " + id).isEqualTo(answered.getOrDefault(id, 0L));
			}
		});
	}

	/**
	 * At most {@code maxShare} of the window's requests failed, no run of failures lasted
	 * over 2 s, every failure was a problem+json or (for a request in flight on the
	 * killed instance) a clean error, and none waited past the route timeout.
	 */
	private static void assertPlayersBarelyNoticed(String fault, List<SteadyLoad.Outcome> window, double maxShare) {
		assertThat(window).as(fault + ": requests sent").hasSizeGreaterThan(REQUESTS_PER_SECOND);
		List<SteadyLoad.Outcome> failed = window.stream().filter(SteadyLoad.Outcome::failed).toList();
		System.out.printf("%s: %d requests, %d failed (%.3f %%), longest failure run %d ms, slowest %d ms%n", fault,
				window.size(), failed.size(), 100.0 * failed.size() / window.size(),
				SteadyLoad.longestFailureRunMillis(window),
				window.stream().mapToLong(SteadyLoad.Outcome::tookMillis).max().orElse(0));
		assertThat((double) failed.size() / window.size()).as(fault + ": failed share; failures " + failed)
			.isLessThanOrEqualTo(maxShare);
		assertThat(SteadyLoad.longestFailureRunMillis(window)).as(fault + ": longest run of failures (ms)")
			.isLessThanOrEqualTo(2000);
		assertThat(failed).as(fault + ": failures are problems").allMatch(o -> o.isProblem() || o.status() == -1);
		assertThat(window).as(fault + ": nobody waited past the route timeout").allMatch(o -> o.tookMillis() < 11_000);
	}

}
