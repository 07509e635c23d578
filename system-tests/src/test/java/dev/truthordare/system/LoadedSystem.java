package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The shared system under a steady mixed load of players ({@link SteadyLoad}), for the
 * fault suites: starts the load, waits for a steady state, judges a fault's window and
 * reconciles the ledger of ratings with the system at the end.
 */
final class LoadedSystem implements AutoCloseable {

	static final int REQUESTS_PER_SECOND = 100;

	final SharedSystem system = SharedSystem.get();

	final Client gateway = system.gateway;

	final SteadyLoad load;

	private final List<String> ratedItems = new ArrayList<>();

	private final Map<String, Long> ratingsBefore = new HashMap<>();

	LoadedSystem() {
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
		// each under 2 s)
		try {
			await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).until(() -> {
				long settled = System.currentTimeMillis() - 2_000;
				List<SteadyLoad.Outcome> last = load.between(settled - 10_000, settled);
				return load.settledUntil(settled) && last.size() > 9 * REQUESTS_PER_SECOND
						&& last.stream().noneMatch(SteadyLoad.Outcome::failed)
						&& last.stream().allMatch(o -> o.tookMillis() < 2_000);
			});
		}
		catch (RuntimeException notSteady) {
			// the load must not outlive a failed start: the next suite shares the system
			load.close();
			throw notSteady;
		}
	}

	private List<String> servedIds(String kind) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : gateway.get("/api/v1/" + kind + "?size=40").json().get("items")) {
			ids.add(item.get("id").asString());
		}
		assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
		return ids;
	}

	/** Waits until every request sent before {@code millis} has its answer. */
	void awaitAnswersUntil(long millis, Duration atMost) {
		await().atMost(atMost).until(() -> load.settledUntil(millis));
	}

	/**
	 * At most {@code maxShare} of the window's requests failed, no run of failures lasted
	 * over 2 s, every failure was a problem+json or (for a request in flight on a killed
	 * instance) a clean error, and none waited past the route timeout.
	 */
	void assertPlayersBarelyNoticed(String fault, List<SteadyLoad.Outcome> window, double maxShare) {
		assertThat(window).as(fault + ": requests sent").hasSizeGreaterThan(REQUESTS_PER_SECOND);
		List<SteadyLoad.Outcome> failed = window.stream().filter(SteadyLoad.Outcome::failed).toList();
		System.out.printf("%s: %d requests, %d failed (%.3f %%), longest failure run %d ms, slowest %d ms%n", fault,
				window.size(), failed.size(), 100.0 * failed.size() / window.size(),
				SteadyLoad.longestFailureRunMillis(window),
				window.stream().mapToLong(SteadyLoad.Outcome::tookMillis).max().orElse(0));
		// which requests failed and how (status -1: no answer within the client's
		// timeout,
		// or the connection failed), for the reliability figures
		System.out.printf("%s: failures by kind and status %s%n", fault,
				failed.stream()
					.collect(Collectors.groupingBy(
							o -> o.kind() + " " + o.status() + (o.tookMillis() >= 14_000 ? " (no answer in 14 s)" : ""),
							TreeMap::new, Collectors.counting())));
		assertThat((double) failed.size() / window.size()).as(fault + ": failed share; failures " + failed)
			.isLessThanOrEqualTo(maxShare);
		assertThat(SteadyLoad.longestFailureRunMillis(window)).as(fault + ": longest run of failures (ms)")
			.isLessThanOrEqualTo(2000);
		assertThat(failed).as(fault + ": failures are problems").allMatch(o -> o.isProblem() || o.status() == -1);
		assertThat(window).as(fault + ": nobody waited past the route timeout").allMatch(o -> o.tookMillis() < 11_000);
	}

	/**
	 * Stops the load, sends again every rating that got no answer or a 503 (what a phone
	 * does: same request, same key), then checks that each rated item's count grew by
	 * exactly the keyed ratings answered 2xx.
	 */
	void assertLedgerMatchesTheSystem() {
		load.close();
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

	@Override
	public void close() {
		load.close();
	}

}
