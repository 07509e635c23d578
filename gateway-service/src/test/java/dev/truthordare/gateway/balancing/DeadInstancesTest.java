package dev.truthordare.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.gateway.GatewayInstance;
import dev.truthordare.gateway.UpstreamStub;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rating-service as two instances, one of them dead (its port refuses connections, as
 * after a {@code kill -9} before discovery notices): players must not notice.
 */
class DeadInstancesTest {

	private UpstreamStub live;

	private String deadUrl;

	private GatewayInstance gateway;

	@BeforeEach
	void twoInstancesOneDead() throws Exception {
		live = new UpstreamStub();
		try (ServerSocket socket = new ServerSocket(0)) {
			deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.close();
		}
		live.close();
	}

	private GatewayInstance gateway(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.cloud.discovery.client.simple.instances.rating-service[1].uri=" + deadUrl,
						"RATE_LIMIT_READS_BURST=100000", "RATE_LIMIT_WRITES_BURST=100000"));
		all.addAll(List.of(properties));
		// redis port 1: nothing there, the limits fail open
		return new GatewayInstance(live.url(), 1, all.toArray(String[]::new));
	}

	@Test
	void aDeadInstanceIsLeftOutAfterItsFirstRefusedConnection() throws Exception {
		gateway = gateway();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> answer = gateway.send("GET", "/api/v1/ratings/top", "X-Client-Id", "player-1");
			assertThat(answer.statusCode()).as("request %d", i).isEqualTo(200);
		}
		assertThat(live.calls()).isEqualTo(20);
		assertThat(gateway.metrics()).containsPattern("gateway_instances_ejected_total(\\{[^}]*\\})? 1\\.0");
	}

	@Test
	void aWriteWithAnIdempotencyKeyIsRetriedOnTheOtherInstanceAWriteWithoutOneIsNot() throws Exception {
		// no ejection: every other request is sent to the dead instance first
		gateway = gateway("gateway.balancing.ejection=0s");
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> keyed = gateway.send("POST", "/api/v1/ratings", "X-Client-Id", "player-1",
					"Idempotency-Key", UUID.randomUUID().toString());
			assertThat(keyed.statusCode()).as("keyed write %d", i).isEqualTo(200);
		}
		assertThat(live.calls()).isEqualTo(6);
		List<Integer> unkeyed = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> answer = gateway.send("POST", "/api/v1/ratings", "X-Client-Id", "player-1");
			unkeyed.add(answer.statusCode());
			if (answer.statusCode() != 200) {
				assertThat(answer.headers().firstValue("Content-Type"))
					.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			}
		}
		// round robin over two instances: half the unkeyed writes met the dead one and
		// were not retried
		assertThat(unkeyed).filteredOn(status -> status != 200).hasSize(3);
		assertThat(live.calls()).isEqualTo(9);
	}

}
