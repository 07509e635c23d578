package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the public port does not open: actuator endpoints other than health, the breakers'
 * fallbacks; and what it does not pass on: a service's 5xx counted as a success, security
 * headers twice.
 */
class InternalDoorsTest {

	private ScriptedUpstream upstream;

	private GatewayInstance gateway;

	@BeforeEach
	void start() throws Exception {
		upstream = new ScriptedUpstream(path -> switch (path) {
			case "/api/v1/truths/random" -> new ScriptedUpstream.Answer(500, "{\"error\":\"boom\"}");
			// a game session while content-service's store is down
			case "/api/v1/games/g-1/truth" -> new ScriptedUpstream.Answer(503, "{\"status\":503}", "Retry-After", "5");
			case "/api/v1/submissions" -> new ScriptedUpstream.Answer(201, "{\"id\":\"x\"}", "X-Frame-Options", "DENY",
					"X-Content-Type-Options", "nosniff");
			default -> new ScriptedUpstream.Answer(200, "{\"ok\":true}");
		});
		gateway = new GatewayInstance(upstream.url(), 1);
	}

	@AfterEach
	void stop() {
		gateway.close();
		upstream.close();
	}

	@Test
	void metricsAndOtherActuatorEndpointsAre404ProblemsOnThePublicPortAndServedOnTheManagementPort() throws Exception {
		for (String path : new String[] { "/actuator/prometheus", "/actuator/metrics", "/actuator/info",
				"/actuator/env", "/actuator" }) {
			HttpResponse<String> answer = gateway.send("GET", path);
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
			assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(answer.body()).as(path).doesNotContain("jvm_");
		}

		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_");
	}

	@Test
	void everyRoutedRequestIsCountedPerRouteAndStatusWithTheSlosLatencyBucket() throws Exception {
		assertThat(gateway.send("GET", "/api/v1/truths/t-1").statusCode()).isEqualTo(200);

		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		// what the players' SLOs and their alerts (infra/prometheus) read
		assertThat(metrics.lines()
			.filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_bucket{"))
			.filter(line -> line.contains("routeId=\"content\"") && line.contains("httpStatusCode=\"200\""))
			.filter(line -> line.contains("le=\"0.1\""))).hasSize(1);
	}

	@Test
	void healthOnThePublicPortSaysUpWithNothingElse() throws Exception {
		HttpResponse<String> health = gateway.send("GET", "/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void fallbacksAreNotReachableFromOutsideAndNeverEchoTheCallersText() throws Exception {
		for (String path : new String[] { "/fallback/content-service", "/fallback/%3Cscript%3Ealert(1)%3C-script%3E",
				"/fallback/anything" }) {
			for (String method : new String[] { "GET", "POST" }) {
				HttpResponse<String> answer = gateway.send(method, path, "X-Client-Id", "device-doors");
				assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(404);
				assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(answer.body()).doesNotContain("<script")
					.doesNotContainPattern("\"detail\":\"[^\"]*(script|anything)");
				assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
			}
		}
	}

	@Test
	void aServicesServerErrorsCountAsFailuresAndOpenTheBreaker() throws Exception {
		// the breaker decides after 20 calls with half of them failed
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> answer = gateway.send("GET", "/api/v1/truths/random");
			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.body()).doesNotContain("boom");
		}
		int callsBefore = upstream.calls("/api/v1/truths/random");

		HttpResponse<String> shortCircuited = gateway.send("GET", "/api/v1/truths/random");

		assertThat(shortCircuited.statusCode()).isEqualTo(503);
		assertThat(shortCircuited.headers().firstValue("Retry-After")).isPresent();
		assertThat(upstream.calls("/api/v1/truths/random")).isEqualTo(callsBefore);
		assertThat(gateway.metrics()).containsPattern(
				"resilience4j_circuitbreaker_state\\{[^}]*name=\"content\"[^}]*state=\"open\"[^}]*} 1\\.0");
	}

	@Test
	void gameSessionsFailingOnTheStoreDoNotOpenTheBreakerOfTheCataloguesReads() throws Exception {
		for (int i = 0; i < 25; i++) {
			assertThat(gateway.send("GET", "/api/v1/games/g-1/truth").statusCode()).isEqualTo(503);
		}
		assertThat(gateway.metrics())
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"games\"[^}]*state=\"open\"[^}]*} 1\\.0");

		// truths and dares are served from memory: still answered
		assertThat(gateway.send("GET", "/api/v1/truths/t-1").statusCode()).isEqualTo(200);
		assertThat(gateway.metrics()).containsPattern(
				"resilience4j_circuitbreaker_state\\{[^}]*name=\"content\"[^}]*state=\"closed\"[^}]*} 1\\.0");
	}

	@Test
	void securityHeadersOfACmsAnswerAreSentOnce() throws Exception {
		HttpResponse<String> answer = gateway.send("POST", "/api/v1/submissions", "X-Client-Id", "device-doors");

		assertThat(answer.statusCode()).isEqualTo(201);
		assertThat(answer.headers().allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(answer.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
	}

}
