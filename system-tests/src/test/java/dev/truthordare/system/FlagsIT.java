package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A feature flag through the running system: an admin switches {@code api.v1} off in the
 * CMS, and within 2 s (plus room for two busy cores) the gateway answers v1 with 410 and
 * a link to v2; at 50 % a stable share of clients sees v1 gone; switched on again, v1 is
 * back. Always restores {@code api.v1} (the system is shared).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlagsIT {

	/** The 2 s promise, with room for a busy build machine. */
	private static final Duration PROPAGATION = Duration.ofSeconds(5);

	private Client gateway;

	@BeforeAll
	void theSystemIsUp() {
		SharedSystem shared = SharedSystem.get();
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	@Test
	void anAdminRetiresV1AtTheGatewayForEveryoneThenForHalfTheClientsThenBringsItBack() {
		String client = "flags-" + UUID.randomUUID();
		try {
			assertThat(put("{\"enabled\":false,\"reason\":\"FlagsIT: sunset rehearsal\"}").status()).isEqualTo(200);

			await().atMost(PROPAGATION).until(() -> truths(client).status() == 410);
			Client.Answer gone = truths(client);
			assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
			assertThat(gone.header("Link")).isEqualTo("</api/v2/truths>; rel=\"successor-version\"");
			assertThat(gateway.get("/api/v2/truths", "X-Client-Id", client).status()).isEqualTo(200);

			assertThat(put("{\"enabled\":true,\"rollout_percent\":50,\"reason\":\"FlagsIT: half\"}").status())
				.isEqualTo(200);
			await().atMost(PROPAGATION).until(() -> statuses().contains(200));
			List<Integer> first = statuses();
			assertThat(statuses()).isEqualTo(first);
			assertThat(first.stream().filter(status -> status == 410).count()).isBetween(6L, 34L);
		}
		finally {
			put("{\"enabled\":true,\"rollout_percent\":100,\"reason\":\"FlagsIT: done\"}");
		}
		await().atMost(PROPAGATION).until(() -> truths(client).status() == 200);
		Client.Answer history = gateway.get("/api/v1/cms/flags/api.v1/history", "Authorization",
				"Bearer " + SharedSystem.get().adminToken());
		assertThat(history.status()).isEqualTo(200);
		assertThat(history.body()).contains("FlagsIT: sunset rehearsal", "FlagsIT: done");
	}

	private Client.Answer put(String json) {
		return gateway.put("/api/v1/cms/flags/api.v1", json, "Authorization",
				"Bearer " + SharedSystem.get().adminToken());
	}

	private Client.Answer truths(String client) {
		return gateway.get("/api/v1/truths", "X-Client-Id", client);
	}

	/** What 40 clients get from v1, in order. */
	private List<Integer> statuses() {
		return IntStream.range(0, 40).mapToObj(i -> truths("flags-split-" + i).status()).toList();
	}

}
