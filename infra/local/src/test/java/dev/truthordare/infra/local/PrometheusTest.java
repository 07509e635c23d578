package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus of ./run: its configuration is the repository's, adapted to the start
 * (discovery's port, the registry's credential in a file of its own, the rules' absolute
 * path), and the real Prometheus finds instances through a registry that wants that
 * credential, scraping each on its management port when it publishes one, as OpenMetrics
 * whose exemplars it stores.
 */
class PrometheusTest {

	private static final String PASSWORD = "registry-secret-" + System.nanoTime();

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	/**
	 * What a service's /actuator/prometheus answers when asked for OpenMetrics: a request
	 * duration bucket with the exemplar of a request's trace (TraceExemplars). Asked for
	 * the classic text format, there is no place for an exemplar.
	 */
	private static final String OPEN_METRICS = """
			# TYPE probe_seconds histogram
			probe_seconds_bucket{le="0.1"} 1 # {span_id="00f067aa0ba902b7",trace_id="%s"} 0.042
			probe_seconds_bucket{le="+Inf"} 1
			probe_seconds_count 1
			probe_seconds_sum 0.042
			# EOF
			""".formatted(TRACE_ID);

	@TempDir
	Path home;

	private final List<AutoCloseable> started = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : started.reversed()) {
			closeable.close();
		}
	}

	private LauncherSettings settings(int discoveryPort, Map<String, String> env) {
		Map<String, String> environment = new HashMap<>(env);
		environment.put("EUREKA_PASSWORD", PASSWORD);
		environment.put("PATH", System.getenv("PATH"));
		return SystemLauncher.builder()
			.repoRoot(SystemLauncher.findRepoRoot(Path.of("")))
			.home(home)
			.port(Modules.DISCOVERY, discoveryPort)
			.parentEnvironment(environment)
			.settings();
	}

	@Test
	void theGeneratedConfigurationIsValidAndFindsThisStartsDiscovery() throws Exception {
		Path config = Prometheus.writeConfig(home.resolve("prometheus"), settings(41761, Map.of()));

		String text = Files.readString(config);
		assertThat(text).contains("eureka_sd_configs:")
			.contains("server: http://localhost:41761/eureka")
			.contains("\"localhost:41761\"")
			.contains("password_file: \"" + home.resolve("prometheus/eureka-password") + "\"")
			.contains(PrometheusRulesTest.PROMETHEUS_DIR.resolve("rules") + "/*.yml")
			.doesNotContain("8761/", PASSWORD);
		Path password = home.resolve("prometheus/eureka-password");
		assertThat(password).hasContent(PASSWORD);
		assertThat(Files.getPosixFilePermissions(password)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		// promtool also loads the rule files named by their absolute path
		assertThat(PrometheusRulesTest.promtool("check", "config", config.toString())).contains("SUCCESS")
			.contains("rules found");
	}

	@Test
	void isOffWhenAskedTo() {
		assertThat(Prometheus.startIfWanted(settings(41762, Map.of("TOD_PROMETHEUS", "off")))).isEmpty();
	}

	@Test
	void scrapesEveryRegisteredInstanceOnItsManagementPort() throws Exception {
		HttpServer service = metricsEndpoint();
		HttpServer gatewayManagement = metricsEndpoint();
		int gatewayPublicPort = Ports.free();
		HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		registry.createContext("/eureka/apps", exchange -> {
			String expected = "Basic "
					+ Base64.getEncoder().encodeToString(("eureka:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				respond(exchange, 401, "");
				return;
			}
			respond(exchange, 200, """
					<applications><versions__delta>1</versions__delta><apps__hashcode>UP_2_</apps__hashcode>
					%s%s</applications>""".formatted(
					application("RATING-SERVICE", "rating-service:" + service.getAddress().getPort(),
							service.getAddress().getPort(), ""),
					application("GATEWAY-SERVICE", "gateway-service:" + gatewayPublicPort, gatewayPublicPort,
							"<management.port>" + gatewayManagement.getAddress().getPort() + "</management.port>")));
		});
		registry.start();
		started.add(() -> registry.stop(0));

		Prometheus prometheus = Prometheus
			.startIfWanted(
					settings(registry.getAddress().getPort(), Map.of("PROMETHEUS_PORT", String.valueOf(Ports.free()))))
			.orElseThrow();
		started.add(prometheus);

		JsonMapper json = JsonMapper.builder().build();
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode targets = json
				.readTree(http
					.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/targets?state=active")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body())
				.path("data")
				.path("activeTargets");
			Map<String, String> healthByInstance = new HashMap<>();
			Map<String, String> urlByService = new HashMap<>();
			for (JsonNode target : targets) {
				if (target.path("labels").path("job").asString().equals("services")) {
					healthByInstance.put(target.path("labels").path("instance").asString(),
							target.path("health").asString());
					urlByService.put(target.path("labels").path("service").asString(),
							target.path("scrapeUrl").asString());
				}
			}
			assertThat(healthByInstance).containsOnly(
					Map.entry("rating-service:" + service.getAddress().getPort(), "up"),
					Map.entry("gateway-service:" + gatewayPublicPort, "up"));
			assertThat(urlByService).containsOnly(
					Map.entry("rating-service",
							"http://localhost:" + service.getAddress().getPort() + "/actuator/prometheus"),
					Map.entry("gateway-service",
							"http://localhost:" + gatewayManagement.getAddress().getPort() + "/actuator/prometheus"));
		});
		// the scrape negotiated OpenMetrics and the exemplar was stored: from a latency
		// bucket to its trace
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			long now = System.currentTimeMillis() / 1000;
			JsonNode exemplars = json
				.readTree(http.send(HttpRequest
					.newBuilder(
							URI.create(prometheus.url() + "/api/v1/query_exemplars?query=probe_seconds_bucket&start="
									+ (now - 600) + "&end=" + (now + 60)))
					.build(), HttpResponse.BodyHandlers.ofString()).body())
				.path("data");
			List<String> traceIds = new ArrayList<>();
			for (JsonNode series : exemplars) {
				for (JsonNode exemplar : series.path("exemplars")) {
					traceIds.add(exemplar.path("labels").path("trace_id").asString());
				}
			}
			assertThat(traceIds).isNotEmpty().containsOnly(TRACE_ID);
		});
		assertThat(Set.of(home.resolve("logs/prometheus.log"), home.resolve("data/prometheus")))
			.allMatch(Files::exists);

		// stopped with the system
		prometheus.close();
		assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready")).build(),
				HttpResponse.BodyHandlers.discarding()))
			.isInstanceOf(IOException.class);
	}

	private HttpServer metricsEndpoint() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/actuator/prometheus", exchange -> {
			String accept = exchange.getRequestHeaders().getFirst("Accept");
			if (accept != null && accept.contains("application/openmetrics-text")) {
				byte[] body = OPEN_METRICS.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders()
					.set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			}
			else {
				respond(exchange, 200, "probe_total 1\n");
			}
		});
		server.start();
		started.add(() -> server.stop(0));
		return server;
	}

	private static String application(String name, String instanceId, int port, String metadata) {
		return """
				<application><name>%s</name><instance>
				<instanceId>%s</instanceId><hostName>localhost</hostName><app>%s</app><ipAddr>127.0.0.1</ipAddr>
				<status>UP</status><overriddenstatus>UNKNOWN</overriddenstatus>
				<port enabled="true">%d</port><securePort enabled="false">443</securePort><countryId>1</countryId>
				<dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo>
				<metadata>%s</metadata><vipAddress>%s</vipAddress><isCoordinatingDiscoveryServer>false</isCoordinatingDiscoveryServer>
				</instance></application>"""
			.formatted(name, instanceId, name, port, metadata, name.toLowerCase());
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
