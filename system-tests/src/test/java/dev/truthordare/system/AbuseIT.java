package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The attacks of an outsider with one machine and invented client ids, through the
 * gateway: they no longer hide items, lift items to the top list or buy fresh rate-limit
 * buckets. The gateway believes {@code X-Forwarded-For} from this machine (a trusted
 * proxy in these runs), so each request says which address it comes from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseIT {

	private static final Duration PROPAGATION = Duration.ofSeconds(30);

	/** Items no other system test touches. */
	private static final String REPORTED_ITEM = "truth-047";

	private static final String PUSHED_ITEM = "dare-047";

	private Client gateway;

	@BeforeAll
	void theSystemIsUp() {
		SharedSystem shared = SharedSystem.get();
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	@Test
	void reportsFromEightInventedClientIdsOnOneNetworkDoNotHideAnItemButModeratorsSeeThem() {
		assertThat(gateway.get("/api/v1/truths/" + REPORTED_ITEM).status()).isEqualTo(200);
		// the attack was three ids; eight from one /24 are still one network
		for (int i = 1; i <= 8; i++) {
			Client.Answer report = gateway.post("/api/v1/reports",
					"{\"content_id\":\"" + REPORTED_ITEM + "\",\"reason_code\":\"OFFENSIVE\"}", "X-Client-Id",
					"invented-" + i, "X-Forwarded-For", "203.0.113." + (100 + i));
			assertThat(report.status()).as(report.body()).isEqualTo(201);
		}

		String token = SharedSystem.get().adminToken();
		await().atMost(PROPAGATION).until(() -> reportedCount(token) == 8);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> gateway.get("/api/v1/truths/" + REPORTED_ITEM).status() == 200);
	}

	private long reportedCount(String token) {
		JsonNode queue = gateway.get("/api/v1/cms/queue?status=REPORTED&size=100", "Authorization", "Bearer " + token)
			.json();
		for (JsonNode entry : queue.get("items")) {
			if (entry.get("item").get("id").asString().equals(REPORTED_ITEM)) {
				return entry.get("report_count").asLong();
			}
		}
		return -1;
	}

	@Test
	void eightInventedClientIdsFromOneAddressCountThreeTimesAndDoNotReachTheTopList() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			statuses.add(
					gateway
						.post("/api/v1/ratings", "{\"content_id\":\"" + PUSHED_ITEM + "\",\"rating\":5}", "X-Client-Id",
								"booster-" + i, "X-Forwarded-For", "198.51.100.147")
						.status());
		}

		assertThat(statuses).containsExactly(200, 200, 200, 409, 409, 409, 409, 409);
		assertThat(gateway.get("/api/v1/ratings/" + PUSHED_ITEM).json().get("count").asLong()).isEqualTo(3);
		JsonNode top = gateway.get("/api/v1/ratings/top?type=dare&limit=100").json();
		assertThat(top.get("items").findValuesAsString("content_id")).doesNotContain(PUSHED_ITEM);
	}

	@Test
	void inventedClientIdsDrawFromTheirAddresssBucketNotFreshOnes() {
		// writes to an item that does not exist: refused (404) by rating-service, but
		// each
		// costs a token at the gateway first
		int requests = 100;
		long start = System.nanoTime();
		Client.Answer last = null;
		for (int i = 0; i < requests; i++) {
			last = gateway.post("/api/v1/reports", "{\"content_id\":\"no-such-item\",\"reason_code\":\"OTHER\"}",
					"X-Client-Id", "rotating-" + i, "X-Forwarded-For", "192.0.2.147");
			assertThat(last.status()).as(last.body()).isEqualTo(404);
		}
		double seconds = (System.nanoTime() - start) / 1e9;

		// a fresh client id has a full bucket of its own; the answer is the address's,
		// drained by every invented id (less what refilled meanwhile)
		assertThat(last.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(SharedSystem.ADDRESS_BURST));
		// the limiter's script counts refill in whole seconds of its clock (epoch
		// seconds),
		// so a run of s seconds can straddle s + 1 second boundaries
		long refilled = (long) Math.ceil((seconds + 1) * SharedSystem.ADDRESS_WRITES_PER_SECOND) + 1;
		assertThat(Long.parseLong(last.header("X-RateLimit-Remaining")))
			.isLessThanOrEqualTo(SharedSystem.ADDRESS_BURST - requests + refilled);

		// another address has its own full bucket
		Client.Answer elsewhere = gateway.post("/api/v1/reports",
				"{\"content_id\":\"no-such-item\",\"reason_code\":\"OTHER\"}", "X-Client-Id", "rotating-0",
				"X-Forwarded-For", "192.0.2.148");
		assertThat(Long.parseLong(elsewhere.header("X-RateLimit-Remaining")))
			.isGreaterThanOrEqualTo(SharedSystem.ADDRESS_BURST - 2);
	}

}
