package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The original API's paths reach content-service like the players' other reads. */
class LegacyRoutesTest {

	@Test
	void theOriginalApisPathsAreRoutedToContentService() throws Exception {
		// no Redis on port 1: the rate limiter fails open and counts each request it saw,
		// so the count shows that
		// the legacy paths pass the same rate limiter as the players' other reads
		try (UpstreamStub upstream = new UpstreamStub();
				GatewayInstance gateway = new GatewayInstance(upstream.url(), 1)) {
			for (String path : List.of("/api/v1/truth", "/api/v1/truth/funny", "/api/v1/truth/categories/list",
					"/api/v1/dare", "/api/v1/dare/difficulties/list", "/api/v2/truth", "/api/v2/dare/easy",
					"/api/v1/game/random", "/api/v1/health")) {
				HttpResponse<String> answer = gateway.send("GET", path + "?category=deep");

				assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
				assertThat(answer.body()).contains("\"path\":\"" + path + "\"");
				assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
			}
			Matcher failOpen = Pattern.compile("gateway_ratelimit_fail_open_total(?:\\{[^}]*})? ([0-9.]+)")
				.matcher(gateway.metrics());
			assertThat(failOpen.find()).isTrue();
			assertThat(Double.parseDouble(failOpen.group(1))).isGreaterThanOrEqualTo(9);
			assertThat(gateway.send("GET", "/api/v1/truthiness").statusCode()).isEqualTo(404);
		}
	}

}
