package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * infra/compose brought up whole on a Docker engine: the players' and the moderators'
 * journeys through the gateway, one request's trace found in Jaeger through its API, and
 * the CMS outbox on MongoDB 8 holding a decision while Kafka is stopped. Skipped (never
 * passed) where there is no Docker engine, and where the images have not been built into
 * it ({@code ./mvnw -Pimages package -DskipTests -Djib.goal=dockerBuild}).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeSmokeTest {

	private static final String ADMIN_PASSWORD = "compose-smoke-" + HexFormat.of().toHexDigits(System.nanoTime());

	private static final Duration PROPAGATION = Duration.ofSeconds(30);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static ComposeContainer compose;

	private static URI gateway;

	private static URI jaeger;

	@BeforeAll
	static void upWhenTheImagesAreThere() {
		for (ServiceSettings service : ServiceSettings.all().values()) {
			assumeTrue(imagePresent(service.image()), service.image()
					+ " is not in the Docker engine: build the images first (-Pimages -Djib.goal=dockerBuild)");
		}
		compose = new ComposeContainer(ComposeFile.PATH.toFile())
			.withEnv(Map.of("EUREKA_PASSWORD", "compose-smoke", "GRAFANA_ADMIN_PASSWORD", "compose-smoke",
					"CMS_ADMIN_PASSWORD", ADMIN_PASSWORD))
			.withPull(false)
			.withRemoveVolumes(true)
			.withExposedService("gateway-service", 8080,
					Wait.forHttp("/api/v1/stats").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)))
			.withExposedService("jaeger", 16686, Wait.forHttp("/").withStartupTimeout(Duration.ofMinutes(2)));
		compose.start();
		gateway = URI.create("http://" + compose.getServiceHost("gateway-service", 8080) + ":"
				+ compose.getServicePort("gateway-service", 8080));
		jaeger = URI.create(
				"http://" + compose.getServiceHost("jaeger", 16686) + ":" + compose.getServicePort("jaeger", 16686));
	}

	@AfterAll
	static void down() {
		if (compose != null) {
			compose.stop();
		}
	}

	@Test
	void aPlayerDrawsATruthAndRatesIt() throws Exception {
		HttpResponse<String> truth = send("GET", "/api/v1/truths/random", null);
		assertThat(truth.statusCode()).isEqualTo(200);
		assertThat(truth.headers().firstValue("X-Request-Id")).isPresent();
		String id = JSON.readTree(truth.body()).get("id").asText();

		HttpResponse<String> rating = send("POST", "/api/v1/ratings", "{\"content_id\":\"" + id + "\",\"rating\":5}",
				"X-Client-Id", "compose-smoke-player");
		assertThat(rating.statusCode()).as(rating.body()).isBetween(200, 201);
		await().atMost(PROPAGATION)
			.untilAsserted(() -> assertThat(
					JSON.readTree(send("GET", "/api/v1/ratings/" + id, null).body()).get("count").asInt())
				.isPositive());
	}

	@Test
	void aModeratorsApprovalIsServedAndIsOneTraceInJaeger() throws Exception {
		String token = adminToken();
		String id = createTruth(token, "What did you learn from the last container you ran?");

		byte[] traceBytes = new byte[16];
		new SecureRandom().nextBytes(traceBytes);
		String traceId = HexFormat.of().formatHex(traceBytes);
		HttpResponse<String> approved = send("POST", "/api/v1/cms/content/" + id + "/approve",
				"{\"reason\":\"compose smoke\"}", "Authorization", "Bearer " + token, "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

		await().atMost(PROPAGATION).until(() -> send("GET", "/api/v1/truths/" + id, null).statusCode() == 200);
		await().atMost(PROPAGATION)
			.untilAsserted(() -> assertThat(servicesOfTrace(traceId)).contains("gateway-service", "cms-service",
					"content-service"));
	}

	@Test
	void moderationGoesOnWhileKafkaIsDownAndReachesPlayersOnceItIsBack() throws Exception {
		String token = adminToken();
		String id = createTruth(token, "Which promise would you keep even if nobody could ever check?");
		String kafka = compose.getContainerByServiceName("kafka")
			.or(() -> compose.getContainerByServiceName("kafka-1"))
			.orElseThrow()
			.getContainerId();
		DockerClient docker = DockerClientFactory.instance().client();
		docker.stopContainerCmd(kafka).exec();
		try {
			// the decision and its event are one MongoDB write (the outbox); the relay
			// waits for the broker
			HttpResponse<String> approved = send("POST", "/api/v1/cms/content/" + id + "/approve",
					"{\"reason\":\"kafka is down\"}", "Authorization", "Bearer " + token);
			assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
			assertThat(send("GET", "/api/v1/truths/" + id, null).statusCode()).isEqualTo(404);
		}
		finally {
			docker.startContainerCmd(kafka).exec();
		}
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> send("GET", "/api/v1/truths/" + id, null).statusCode() == 200);
	}

	private static String adminToken() throws IOException, InterruptedException {
		HttpResponse<String> login = send("POST", "/api/v1/cms/auth/token",
				"{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).get("access_token").asText();
	}

	private static String createTruth(String token, String text) throws IOException, InterruptedException {
		HttpResponse<String> created = send("POST", "/api/v1/cms/content",
				"{\"type\":\"truth\",\"content\":\"" + text + "\",\"category\":\"deep\"}", "Authorization",
				"Bearer " + token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asText();
	}

	private static List<String> servicesOfTrace(String traceId) throws IOException, InterruptedException {
		HttpResponse<String> answer = HTTP.send(
				HttpRequest.newBuilder(jaeger.resolve("/api/traces/" + traceId)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			return List.of();
		}
		JsonNode traces = JSON.readTree(answer.body()).path("data");
		return StreamSupport.stream(traces.spliterator(), false)
			.flatMap(trace -> StreamSupport.stream(trace.path("processes").spliterator(), false))
			.map(process -> process.path("serviceName").asText())
			.distinct()
			.toList();
	}

	private static HttpResponse<String> send(String method, String path, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean imagePresent(String image) {
		try {
			DockerClientFactory.instance().client().inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

}
