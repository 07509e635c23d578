package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.truthordare.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

	private static final Map<String, String> SECRETS = Map.of("EUREKA_PASSWORD", "not-a-secret",
			"GRAFANA_ADMIN_PASSWORD", "not-a-secret");

	private static final Map<String, ServiceSettings> SERVICES = ServiceSettings.all();

	private static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/\\S*)");

	private static final Pattern TOPIC = Pattern.compile("^\\s*create (\\S+) (compact|delete)", Pattern.MULTILINE);

	private final ComposeFile compose = new ComposeFile(SECRETS);

	@Test
	void runsEveryServiceFromItsJibImage() {
		for (ServiceSettings service : SERVICES.values()) {
			assertThat(compose.names()).contains(service.module());
			assertThat(compose.service(service.module()).get("image")).as(service.module()).isEqualTo(service.image());
		}
	}

	@Test
	void setsOnlyVariablesTheServiceReads() {
		for (ServiceSettings service : SERVICES.values()) {
			assertThat(compose.environment(service.module()).keySet()).as(service.module())
				.isNotEmpty()
				.allSatisfy(variable -> assertThat(service.reads(variable))
					.as("%s sets %s, which %s never reads", ComposeFile.PATH, variable, service.module())
					.isTrue());
		}
	}

	@Test
	void theRuleRefusesWhatAServiceDoesNotRead() {
		ServiceSettings content = SERVICES.get("content-service");
		assertThat(content.reads("MONGODB_URI")).isTrue();
		assertThat(content.reads("SHUTDOWN_DEREGISTRATION_WAIT")).as("@ConfigurationProperties(\"shutdown\")").isTrue();
		assertThat(content.reads("EUREKA_INSTANCE_INSTANCE_ID")).as("relaxed binding of a declared key").isTrue();
		assertThat(content.reads("MONGO_URI")).as("a typo").isFalse();
		assertThat(content.reads("REDIS_HOST")).as("the gateway's").isFalse();
		assertThat(content.reads("OTEL_EXPORTER_OTLP_ENDPONT")).as("a typo of an agent setting").isFalse();
		assertThat(SERVICES.get("gateway-service").reads("MONGODB_URI")).isFalse();
		assertThat(SERVICES.get("gateway-service").reads("SHUTDOWN_DEREGISTRATION_WAIT"))
			.as("the gateway has no web-support")
			.isFalse();
	}

	@Test
	void healthChecksAskEachServicesReadinessOnItsOwnPort() {
		for (ServiceSettings service : SERVICES.values()) {
			String test = String.join(" ", strings(compose.healthcheck(service.module()).get("test")));
			Matcher url = HEALTH_URL.matcher(test);
			assertThat(url.find()).as("%s health check: %s", service.module(), test).isTrue();
			assertThat(Integer.parseInt(url.group(1))).as(service.module()).isEqualTo(service.managementPort());
			assertThat(url.group(2)).isEqualTo("/actuator/health/readiness");
		}
		assertThat(compose.environment("gateway-service")).containsEntry("GATEWAY_MANAGEMENT_PORT",
				String.valueOf(SERVICES.get("gateway-service").managementPort()));
	}

	@Test
	void publishesOnlyTheGatewayBeyondLoopback() {
		List<String> published = new ArrayList<>();
		for (String name : compose.names()) {
			for (String port : compose.strings(name, "ports")) {
				published.add(name + " " + port);
				if (!port.startsWith("127.0.0.1:")) {
					assertThat(name + " " + port).isEqualTo("gateway-service 8080:8080");
				}
			}
		}
		assertThat(published).containsExactlyInAnyOrder("gateway-service 8080:8080", "discovery 127.0.0.1:8761:8761",
				"jaeger 127.0.0.1:16686:16686", "prometheus 127.0.0.1:9090:9090", "grafana 127.0.0.1:3000:3000");
		assertThat(SERVICES.get("gateway-service").port()).isEqualTo(8080);
	}

	@Test
	void startsEachServiceOnlyOnceWhatItNeedsIsHealthy() {
		for (ServiceSettings service : SERVICES.values()) {
			compose.dependencies(service.module()).forEach((dependency, how) -> {
				String condition = String.valueOf(how.get("condition"));
				assertThat(condition).as("%s on %s", service.module(), dependency)
					.isIn("service_healthy", "service_completed_successfully");
				if (condition.equals("service_healthy")) {
					assertThat(compose.healthcheck(dependency)).as("%s has a health check", dependency).isNotNull();
				}
			});
		}
		assertThat(compose.dependencies("content-service")).containsKeys("discovery", "mongodb", "kafka-topics");
		assertThat(compose.dependencies("gateway-service")).containsKeys("discovery", "redis");
	}

	@Test
	void givesEachServiceTheTimeToDrainOnStop() {
		for (ServiceSettings service : SERVICES.values()) {
			String grace = String.valueOf(compose.service(service.module()).get("stop_grace_period"));
			// SIGTERM: leave discovery and keep serving (SHUTDOWN_DEREGISTRATION_WAIT, 10
			// s by default), then
			// Spring's graceful shutdown (at most 30 s); compose's default of 10 s would
			// kill in-flight requests
			long needed = (service.reads("SHUTDOWN_DEREGISTRATION_WAIT") ? 10 : 0) + 30;
			assertThat(java.time.Duration.parse("PT" + grace.toUpperCase(java.util.Locale.ROOT)).toSeconds())
				.as("%s stop_grace_period %s", service.module(), grace)
				.isGreaterThanOrEqualTo(needed);
		}
	}

	@Test
	void runsTheEnginesTheIssueNamesAndTheBrokerVersionRunEmbeds() {
		Matcher kafka = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(ProjectFiles.rootPom());
		assertThat(kafka.find()).isTrue();
		assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:" + kafka.group(1));
		assertThat(compose.service("kafka-topics").get("image")).isEqualTo("apache/kafka:" + kafka.group(1));
		assertThat(String.valueOf(compose.service("mongodb").get("image"))).startsWith("mongo:8");
		assertThat(compose.strings("mongodb", "command")).contains("--replSet");
		assertThat(String.valueOf(compose.service("redis").get("image"))).startsWith("redis:7");
		assertThat(String.valueOf(compose.service("jaeger").get("image"))).startsWith("jaegertracing/jaeger:2.");
		assertThat(compose.environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
	}

	@Test
	void everyServiceTracesToJaeger() {
		for (ServiceSettings service : SERVICES.values()) {
			Map<String, String> env = compose.environment(service.module());
			assertThat(env).as(service.module())
				.containsEntry("JAVA_TOOL_OPTIONS", "-javaagent:/opt/otel/opentelemetry-javaagent.jar")
				.containsEntry("OTEL_SERVICE_NAME", service.module())
				.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318");
		}
		assertThat(compose.names()).contains("jaeger");
	}

	@Test
	void createsThePlatformsTopicsWithTheirCleanupPolicies() {
		String script = String.join("\n", compose.strings("kafka-topics", "command"));
		Matcher m = TOPIC.matcher(script);
		List<String> created = new ArrayList<>();
		while (m.find()) {
			created.add(m.group(1) + " " + m.group(2));
		}
		List<String> expected = Topics.ALL.stream()
			.map(t -> t.name() + " " + t.cleanup().name().toLowerCase(java.util.Locale.ROOT))
			.toList();
		assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(script).contains("create \"$t.DLT\" delete");
		assertThat(script).contains("create cms.moderation.v1 delete " + Topics.ALL.stream()
			.filter(t -> t.name().equals(Topics.CMS_MODERATION))
			.findFirst()
			.orElseThrow()
			.retention()
			.toMillis());
	}

	@Test
	void refusesToStartWithoutTheRegistrysPassword() {
		assertThatThrownBy(() -> new ComposeFile(Map.of("GRAFANA_ADMIN_PASSWORD", "x")))
			.hasMessageContaining("EUREKA_PASSWORD");
	}

	@Test
	void dockerComposeValidatesTheFile() throws Exception {
		Path binary = Path.of("/usr/bin/docker-compose");
		String found = List.of(System.getenv("PATH").split(":"))
			.stream()
			.map(dir -> Path.of(dir, "docker-compose"))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElse(Files.isExecutable(binary) ? binary.toString() : null);
		assumeTrue(found != null,
				"docker-compose is not installed (.ci/run installs Debian's): the file was not validated by compose");
		assertThat(run(found, Map.of()).exitCode()).as("docker-compose config without EUREKA_PASSWORD").isNotZero();
		Result valid = run(found, SECRETS);
		assertThat(valid.exitCode()).as(valid.output()).isZero();
		assertThat(valid.output()).contains("gateway-service").contains("8080");
	}

	private record Result(int exitCode, String output) {
	}

	private static Result run(String binary, Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(binary, "-f", ComposeFile.PATH.toString(), "config")
			.redirectErrorStream(true);
		builder.environment().remove("EUREKA_PASSWORD");
		builder.environment().remove("GRAFANA_ADMIN_PASSWORD");
		builder.environment().putAll(env);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private static List<String> strings(Object value) {
		return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
				: List.of(String.valueOf(value));
	}

}
