package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.flags.DefaultFlags;
import dev.truthordare.flags.FlagStateProvider;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code api.v1} flag at the edge: off, every player request under /api/v1/ answers
 * 410 Gone with a link to its v2 equivalent; staff and health pass; a partial rollout
 * retires v1 for a stable share of clients. States are applied to the gateway's provider
 * directly (the reader from flags.v1 is tested in the flags module).
 */
class ApiV1SunsetTest {

	private static UpstreamStub upstream;

	private static GatewayInstance gateway;

	private static long version = 1000;

	@BeforeAll
	static void start() throws Exception {
		upstream = new UpstreamStub();
		gateway = new GatewayInstance(upstream.url(), 1, "gateway.revocation.enabled=false");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		upstream.close();
	}

	@Test
	void withApiV1OffPlayerRequestsAreGoneWithALinkToV2() throws Exception {
		set(false, 100);
		try {
			HttpResponse<String> gone = gateway.send("GET", "/api/v1/truths?category=deep", "X-Client-Id", "c-1");

			assertThat(gone.statusCode()).isEqualTo(410);
			assertThat(gone.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(gone.headers().firstValue("Link"))
				.hasValue("</api/v2/truths?category=deep>; rel=\"successor-version\"");
			assertThat(gone.body()).contains("\"status\":410");
			assertThat(gateway.send("POST", "/api/v1/ratings").statusCode()).isEqualTo(410);
			for (String path : List.of("/api/v2/truths", "/api/v1/health", "/api/v1/cms/queue")) {
				assertThat(gateway.send("GET", path, "X-Client-Id", "c-1").statusCode()).as(path).isNotEqualTo(410);
			}
		}
		finally {
			set(true, 100);
		}
		assertThat(gateway.send("GET", "/api/v1/truths", "X-Client-Id", "c-1").statusCode()).isEqualTo(200);
	}

	@Test
	void aPartialRolloutRetiresV1ForAStableShareOfClients() throws Exception {
		set(true, 50);
		try {
			List<Integer> first = statuses();
			List<Integer> again = statuses();

			assertThat(again).isEqualTo(first);
			long gone = first.stream().filter(status -> status == 410).count();
			assertThat(gone).isBetween(20L, 80L);
			assertThat(first).containsOnly(200, 410);
			// without a client id a partial rollout shows nothing: v1 is off for them
			assertThat(gateway.send("GET", "/api/v1/truths").statusCode()).isEqualTo(410);
		}
		finally {
			set(true, 100);
		}
	}

	private static List<Integer> statuses() {
		return IntStream.range(0, 100).mapToObj(i -> {
			try {
				return gateway.send("GET", "/api/v1/truths", "X-Client-Id", "client-" + i).statusCode();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	private static void set(boolean enabled, int percent) {
		gateway.bean(FlagStateProvider.class)
			.apply(new FlagState(DefaultFlags.API_V1, enabled, percent, List.of(), List.of(), "test", ++version,
					"admin", Instant.now()));
	}

}
