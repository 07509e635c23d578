package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked without starting anything. */
class SystemLauncherTest {

	@TempDir
	Path tmp;

	@Test
	void findsTheRepositoryRootAboveTheWorkingDirectory() throws Exception {
		// surefire runs in infra/local
		Path root = SystemLauncher.findRepoRoot(Path.of(""));
		assertThat(root.resolve("mvnw")).isRegularFile();
		assertThat(root.resolve("infra/local/pom.xml")).isRegularFile();

		Path fake = fakeRepo();
		Path deep = Files.createDirectories(fake.resolve("system-tests/target/classes"));
		assertThat(SystemLauncher.findRepoRoot(deep)).isEqualTo(fake);
		assertThatThrownBy(() -> SystemLauncher.findRepoRoot(tmp.resolve("elsewhere")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("mvnw and infra/local");
	}

	@Test
	void defaultsAreTheDocumentedPortsAndVarUnderTheRepository() throws Exception {
		Path repo = fakeRepo();
		SystemLauncher launcher = SystemLauncher.builder().repoRoot(repo).build();
		assertThat(launcher.home()).isEqualTo(repo.resolve("var"));
		assertThat(launcher.logFile("cms-service")).isEqualTo(repo.resolve("var/logs/cms-service.log"));
		assertThat(launcher.dataDir()).isEqualTo(repo.resolve("var/data"));
		assertThat(launcher.gatewayUrl()).isEqualTo("http://localhost:8080");
		assertThat(launcher.eurekaUrl()).isEqualTo("http://localhost:8761");
		assertThat(launcher.serviceUrl("cms-service")).isEqualTo("http://localhost:8084");
		assertThat(launcher.jar("rating-service")).isEqualTo(repo.resolve("rating-service/target/rating-service.jar"));
		assertThatThrownBy(() -> launcher.port("nope")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void freePortsAreDistinctAndBindable() throws Exception {
		SystemLauncher launcher = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.freePorts()
			.port(SystemLauncher.GATEWAY, 18080)
			.build();
		Set<Integer> ports = new HashSet<>();
		for (String module : SystemLauncher.MODULES) {
			ports.add(launcher.port(module));
		}
		assertThat(ports).hasSize(6);
		assertThat(launcher.port(SystemLauncher.GATEWAY)).isEqualTo(18080);
		assertThat(launcher.port(SystemLauncher.DISCOVERY)).isNotEqualTo(8761);
		SystemLauncher.MODULES.forEach(m -> assertThat(Ports.isAvailable(launcher.port(m))).as(m).isTrue());

		int[] free = Ports.free(20);
		assertThat(Set.of(java.util.Arrays.stream(free).boxed().toArray(Integer[]::new))).hasSize(20);
	}

	@Test
	void eachProcessGetsItsEnvironment() throws Exception {
		SystemLauncher launcher = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.freePorts()
			.parentEnvironment(Map.of("PATH", "/usr/bin", "CMS_ADMIN_PASSWORD", "pw", "MONGODB_URI",
					"mongodb://elsewhere", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://stale:4318"))
			.otlpEndpoint(null)
			.traceStore(false)
			.env(SystemLauncher.CONTENT, "FEATURE_X", "on")
			.env(SystemLauncher.CONTENT, "PATH", null)
			.build();

		Map<String, String> content = launcher.environment("content-service", "localhost:1234",
				"mongodb://localhost:5678");
		assertThat(content).containsEntry("SERVER_PORT", Integer.toString(launcher.port("content-service")))
			.containsEntry("SERVER_ADDRESS", "127.0.0.1")
			.containsEntry("EUREKA_INSTANCE_HOSTNAME", "127.0.0.1")
			.containsEntry("MONGODB_URI", "mongodb://localhost:5678/content")
			.containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:1234")
			.containsEntry("OTEL_SERVICE_NAME", "content-service")
			.containsEntry("OTEL_METRICS_EXPORTER", "none")
			.containsEntry("OTEL_LOGS_EXPORTER", "none")
			.containsEntry("OTEL_TRACES_EXPORTER", "none")
			.containsEntry("OTEL_BSP_SCHEDULE_DELAY", "500")
			.containsEntry("CMS_ADMIN_PASSWORD", "pw")
			.containsEntry("FEATURE_X", "on")
			.doesNotContainKeys("PATH", "OTEL_EXPORTER_OTLP_ENDPOINT");

		assertThat(launcher.environment("rating-service", "k", "mongodb://m"))
			.containsEntry("MONGODB_URI", "mongodb://m/ratings")
			.containsEntry("PATH", "/usr/bin")
			.doesNotContainKey("FEATURE_X");
		assertThat(launcher.environment("translation-service", "k", "mongodb://m")).containsEntry("MONGODB_URI",
				"mongodb://m/translations");
		assertThat(launcher.environment("cms-service", "k", "mongodb://m")).containsEntry("MONGODB_URI",
				"mongodb://m/cms");
		assertThat(launcher.environment("gateway-service", "k", "mongodb://m")).doesNotContainKey("MONGODB_URI");
		assertThat(launcher.environment("discovery", "k", "mongodb://m")).doesNotContainKey("MONGODB_URI")
			.containsEntry("SERVER_PORT", Integer.toString(launcher.port("discovery")));
		assertThat(launcher.environment("gateway-service", "k", "m")).doesNotContainKey("SERVER_ADDRESS")
			.containsKey("GATEWAY_MANAGEMENT_PORT");

		SystemLauncher traced = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.freePorts()
			.parentEnvironment(Map.of())
			.otlpEndpoint("http://localhost:4318")
			.traceStore(false)
			.build();
		assertThat(traced.environment("cms-service", "k", "mongodb://m")).containsEntry("OTEL_TRACES_EXPORTER", "otlp")
			.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")
			.containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
			.doesNotContainKey("CMS_ADMIN_PASSWORD");
	}

	@Test
	void tracesGoToTheLocalTraceStoreUnlessSentElsewhereOrTurnedOffAndLogsAreJsonOnRequest() throws Exception {
		Map<String, String> byDefault = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.fromEnvironment(Map.of("ZIPKIN_PORT", "19411"))
			.build()
			.environment("gateway-service", "k", "m");
		assertThat(byDefault).containsEntry("OTEL_TRACES_EXPORTER", "zipkin")
			.containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://localhost:19411/api/v2/spans")
			.doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");

		Map<String, String> toJaeger = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318"))
			.build()
			.environment("content-service", "k", "m");
		assertThat(toJaeger).containsEntry("OTEL_TRACES_EXPORTER", "otlp")
			.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")
			.doesNotContainKey("OTEL_EXPORTER_ZIPKIN_ENDPOINT");

		Map<String, String> both = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.freePorts()
			.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318", "TOD_TRACES", "on"))
			.build()
			.environment("content-service", "k", "m");
		assertThat(both).containsEntry("OTEL_TRACES_EXPORTER", "zipkin,otlp");

		Map<String, String> off = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318", "TOD_TRACES", "off"))
			.build()
			.environment("rating-service", "k", "m");
		assertThat(off).containsEntry("OTEL_TRACES_EXPORTER", "none")
			.doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_ZIPKIN_ENDPOINT");

		assertThat(SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.parentEnvironment(Map.of("TOD_LOG_FORMAT", "json"))
			.build()
			.environment("cms-service", "k", "m")).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
			.containsEntry("LOGGING_STRUCTURED_ECS_SERVICE_NODE_NAME", "cms-service");
		assertThat(byDefault).doesNotContainKey("LOGGING_STRUCTURED_FORMAT_CONSOLE");
		assertThatThrownBy(() -> SystemLauncher.builder().fromEnvironment(Map.of("TOD_LOG_FORMAT", "xml")))
			.hasMessageContaining("TOD_LOG_FORMAT");
		assertThatThrownBy(() -> SystemLauncher.builder().fromEnvironment(Map.of("TOD_TRACES", "maybe")))
			.hasMessageContaining("TOD_TRACES");
	}

	@Test
	void commandRunsTheModuleJarWithTheAgent() throws Exception {
		Path repo = fakeRepo();
		SystemLauncher launcher = SystemLauncher.builder()
			.repoRoot(repo)
			.javaHome(Path.of("/opt/jdk"))
			.jvmOptions("-XX:TieredStopAtLevel=1")
			.build();
		assertThat(launcher.command("gateway-service")).containsExactly("/opt/jdk/bin/java", "-Xmx384m",
				"-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
				"-javaagent:" + repo.resolve("infra/local/target/otel/opentelemetry-javaagent.jar"), "-jar",
				repo.resolve("gateway-service/target/gateway-service.jar").toString());
		List<String> content = SystemLauncher.builder()
			.repoRoot(repo)
			.otelAgent(false)
			.heap("content-service", "200m")
			.build()
			.command("content-service");
		assertThat(content).contains("-Xmx200m").noneMatch(a -> a.startsWith("-javaagent"));
	}

	@Test
	void readsItsOptionsFromTheEnvironment() throws Exception {
		Path repo = fakeRepo();
		SystemLauncher launcher = SystemLauncher.builder()
			.repoRoot(repo)
			.fromEnvironment(Map.of("TOD_HOME", tmp.resolve("home").toString(), "GATEWAY_SERVICE_PORT", "9080",
					"DISCOVERY_PORT", "9761", "TOD_JAVA_OPTS", " -Xss512k  -XX:+UseStringDeduplication ",
					"OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318"))
			.build();
		assertThat(launcher.home()).isEqualTo(tmp.resolve("home"));
		assertThat(launcher.gatewayUrl()).isEqualTo("http://localhost:9080");
		assertThat(launcher.eurekaUrl()).isEqualTo("http://localhost:9761");
		assertThat(launcher.port("cms-service")).isEqualTo(8084);
		assertThat(launcher.command("cms-service")).contains("-Xss512k", "-XX:+UseStringDeduplication");
		assertThat(launcher.environment("cms-service", "k", "m")).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT",
				"http://jaeger:4318");
		assertThatThrownBy(() -> SystemLauncher.builder().fromEnvironment(Map.of("KAFKA_PORT", "x")))
			.hasMessageContaining("KAFKA_PORT");
	}

	@Test
	void instancesComeFromTodInstancesAndThePerServiceVariables() throws Exception {
		SystemLauncher launcher = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.fromEnvironment(Map.of("TOD_INSTANCES", "2", "CONTENT_SERVICE_INSTANCES", "3", "GATEWAY_INSTANCES", "2"))
			.build();
		assertThat(launcher.instances(SystemLauncher.CONTENT)).extracting(InstanceId::name)
			.containsExactly("content-service", "content-service-2", "content-service-3");
		assertThat(launcher.instances(SystemLauncher.RATING)).hasSize(2);
		assertThat(launcher.instances(SystemLauncher.GATEWAY)).hasSize(2);
		assertThat(launcher.instances(SystemLauncher.DISCOVERY)).hasSize(1);
		// the first keeps the standard port, the others get distinct free ones
		assertThat(launcher.port(InstanceId.first(SystemLauncher.CONTENT))).isEqualTo(8081);
		assertThat(launcher.instances(SystemLauncher.CONTENT).stream().map(launcher::port).distinct()).hasSize(3);
		assertThat(SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.fromEnvironment(Map.of())
			.build()
			.instances(SystemLauncher.CMS)).hasSize(1);
		assertThatThrownBy(() -> SystemLauncher.builder().fromEnvironment(Map.of("TOD_INSTANCES", "two")))
			.hasMessageContaining("TOD_INSTANCES");
		assertThatThrownBy(() -> SystemLauncher.builder().instances(SystemLauncher.DISCOVERY, 2))
			.hasMessageContaining("one instance");
	}

	@Test
	void refusesToStartWithoutTheBuiltJarsAndSaysHowToBuildThem() throws Exception {
		Path repo = fakeRepo();
		SystemLauncher launcher = SystemLauncher.builder().repoRoot(repo).freePorts().build();
		assertThatThrownBy(launcher::start)
			.hasMessageContaining(repo.resolve("gateway-service/target/gateway-service.jar").toString())
			.hasMessageContaining(repo.resolve("infra/local/target/otel/opentelemetry-javaagent.jar").toString())
			.hasMessageContaining("./mvnw -DskipTests package");
		assertThatThrownBy(launcher::start).hasMessageContaining("closed");
		assertThat(launcher.isRunning(SystemLauncher.DISCOVERY)).isFalse();
	}

	@Test
	void theGatewayGetsTheManagedRedisUnlessAnExternalOneIsNamed() throws Exception {
		SystemLauncher managed = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.parentEnvironment(Map.of())
			.redisPort(16379)
			.build();
		assertThat(managed.environment(SystemLauncher.GATEWAY, "k", "m")).containsEntry("REDIS_HOST", "localhost")
			.containsEntry("REDIS_PORT", "16379");
		assertThat(managed.environment(SystemLauncher.CMS, "k", "m")).doesNotContainKeys("REDIS_HOST", "REDIS_PORT");
		assertThat(managed.redisAddress()).isEqualTo("localhost:16379");

		SystemLauncher external = SystemLauncher.builder()
			.repoRoot(fakeRepo())
			.parentEnvironment(Map.of("REDIS_HOST", "redis.internal", "REDIS_PORT", "6380"))
			.build();
		assertThat(external.environment(SystemLauncher.GATEWAY, "k", "m")).containsEntry("REDIS_HOST", "redis.internal")
			.containsEntry("REDIS_PORT", "6380");
		assertThat(external.redisAddress()).isEqualTo("redis.internal");
	}

	@Test
	void parsesEurekaApplications() {
		String body = """
				{"applications":{"versions__delta":"1","apps__hashcode":"UP_2_","application":[
				  {"name":"CONTENT-SERVICE","instance":[
				    {"instanceId":"h:content-service:8081","hostName":"h","app":"CONTENT-SERVICE","status":"UP",
				     "port":{"$":8081,"@enabled":"true"},"leaseInfo":{"registrationTimestamp":1700000000000}},
				    {"instanceId":"h:content-service:9081","app":"CONTENT-SERVICE","status":"DOWN",
				     "port":{"$":9081,"@enabled":"true"}}]},
				  {"name":"CMS-SERVICE","instance":{"app":"CMS-SERVICE","status":"STARTING","port":{"$":"8084"}}}]}}
				""";
		assertThat(EurekaApps.parse(body)).containsExactly(
				new EurekaApps.Instance("CONTENT-SERVICE", "UP", 8081, 1700000000000L),
				new EurekaApps.Instance("CONTENT-SERVICE", "DOWN", 9081, 0),
				new EurekaApps.Instance("CMS-SERVICE", "STARTING", 8084, 0));
		assertThat(EurekaApps.parse("{\"applications\":{\"application\":[]}}")).isEmpty();
		assertThat(EurekaApps.parse("<html>")).isEmpty();
		assertThat(EurekaApps.isHealthUp("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}")).isTrue();
		assertThat(EurekaApps.isHealthUp("{\"status\":\"DOWN\"}")).isFalse();
	}

	private Path fakeRepo() throws Exception {
		Path repo = Files.createDirectories(tmp.resolve("repo"));
		Files.createDirectories(repo.resolve("infra/local"));
		if (!Files.exists(repo.resolve("mvnw"))) {
			Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\n");
		}
		return repo;
	}

	@Test
	void discoveryAndItsClientsShareAPasswordThatIsNewForEveryStartUnlessOneIsGiven() throws Exception {
		Path repo = fakeRepo();
		SystemLauncher first = SystemLauncher.builder().repoRoot(repo).parentEnvironment(Map.of()).build();
		SystemLauncher second = SystemLauncher.builder().repoRoot(repo).parentEnvironment(Map.of()).build();

		Map<String, String> discovery = first.environment("discovery", "k", "m");
		String password = discovery.get("EUREKA_PASSWORD");
		assertThat(password).hasSizeGreaterThanOrEqualTo(32)
			.isNotEqualTo(second.environment("discovery", "k", "m").get("EUREKA_PASSWORD"));
		assertThat(discovery).containsEntry("EUREKA_USERNAME", "eureka");
		for (String module : List.of("content-service", "rating-service", "translation-service", "cms-service",
				"gateway-service")) {
			assertThat(first.environment(module, "k", "m")).as(module)
				.containsEntry("EUREKA_URI", "http://eureka:" + password + "@localhost:8761/eureka/")
				.doesNotContainKey("EUREKA_PASSWORD");
		}

		SystemLauncher chosen = SystemLauncher.builder()
			.repoRoot(repo)
			.parentEnvironment(Map.of("EUREKA_USERNAME", "registry", "EUREKA_PASSWORD", "p@ss:word"))
			.build();
		assertThat(chosen.environment("discovery", "k", "m")).containsEntry("EUREKA_PASSWORD", "p@ss:word");
		assertThat(chosen.environment("cms-service", "k", "m")).containsEntry("EUREKA_URI",
				"http://registry:p%40ss%3Aword@localhost:8761/eureka/");
	}

}
