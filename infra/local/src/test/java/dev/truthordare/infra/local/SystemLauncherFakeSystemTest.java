package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher for real against stand-in service jars ({@link FakeService}):
 * processes, readiness through a Eureka-shaped registry, fail-fast, stop/start of one
 * service, and that close() leaves nothing running.
 */
class SystemLauncherFakeSystemTest {

	@TempDir
	Path repo;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void fakeRepository() throws Exception {
		Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\n");
		Files.createDirectories(repo.resolve("infra/local"));
		Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
		for (String module : SystemLauncher.MODULES) {
			Path jar = Files.createDirectories(repo.resolve(module).resolve("target")).resolve(module + ".jar");
			try (OutputStream out = Files.newOutputStream(jar);
					JarOutputStream ignored = new JarOutputStream(out, manifest)) {
				// manifest only
			}
		}
	}

	private LauncherOptions launcher() {
		return SystemLauncher.builder()
			.repoRoot(repo)
			.home(repo.resolve("var"))
			.freePorts()
			.otelAgent(false)
			.otlpEndpoint(null)
			.heap(SystemLauncher.GATEWAY, "64m")
			.startupTimeout(Duration.ofSeconds(90));
	}

	@Test
	void startsEverythingStopsAndRestartsOneServiceAndLeavesNothingBehind() throws Exception {
		List<ProcessHandle> processes = new ArrayList<>();
		SystemLauncher system = launcher().build();
		try (system) {
			system.start();
			assertThat(system.startupTime()).isPresent();
			for (String module : SystemLauncher.MODULES) {
				assertThat(system.isRunning(module)).as(module).isTrue();
				processes.add(ProcessHandle.of(system.pid(module).orElseThrow()).orElseThrow());
				assertThat(system.logFile(module)).content().contains("starting " + module);
			}
			assertThat(get(system.gatewayUrl() + "/api/v1/stats").statusCode()).isEqualTo(200);
			String env = get(system.serviceUrl(SystemLauncher.CONTENT) + "/env").body();
			assertThat(env).contains("MONGODB_URI=" + system.localStack().mongoUri() + "/content",
					"KAFKA_BOOTSTRAP_SERVERS=" + system.localStack().kafkaBootstrapServers(),
					"@localhost:" + system.port(SystemLauncher.DISCOVERY) + "/eureka/", "SERVER_ADDRESS=127.0.0.1",
					"SERVER_PORT=" + system.port(SystemLauncher.CONTENT), "OTEL_TRACES_EXPORTER=none");
			assertThat(system.logLinesContaining(SystemLauncher.CMS, "generated password")).singleElement()
				.asString()
				.contains("s3cret");

			long oldPid = system.pid(SystemLauncher.CONTENT).orElseThrow();
			system.stopService(SystemLauncher.CONTENT);
			assertThat(system.isRunning(SystemLauncher.CONTENT)).isFalse();
			assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

			system.startService(SystemLauncher.CONTENT);
			assertThat(system.isRunning(SystemLauncher.CONTENT)).isTrue();
			assertThat(system.pid(SystemLauncher.CONTENT).orElseThrow()).isNotEqualTo(oldPid);
			processes.add(ProcessHandle.of(system.pid(SystemLauncher.CONTENT).orElseThrow()).orElseThrow());
			assertThat(get(system.serviceUrl(SystemLauncher.CONTENT) + "/actuator/health").statusCode()).isEqualTo(200);
			assertThatThrownBy(() -> system.startService(SystemLauncher.CONTENT))
				.hasMessageContaining("already running");
		}
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(Ports.isAvailable(system.port(SystemLauncher.GATEWAY))).isTrue();
		assertThat(Ports.isAvailable(system.localStack().kafkaPort())).isTrue();
	}

	@Test
	void runsSeveralInstancesAndTheSupervisorRestartsOneThatDies() throws Exception {
		SystemLauncher system = launcher().instances(SystemLauncher.CONTENT, 2)
			.instances(SystemLauncher.GATEWAY, 2)
			.build();
		Path status = system.home().resolve("processes.tsv");
		try (system) {
			system.start();
			List<InstanceId> contents = system.instances(SystemLauncher.CONTENT);
			assertThat(contents).extracting(InstanceId::name).containsExactly("content-service", "content-service-2");
			InstanceId second = contents.get(1);
			assertThat(system.port(second)).isNotEqualTo(system.port(SystemLauncher.CONTENT));
			assertThat(get(system.serviceUrl(second) + "/env").body()).contains("SERVER_PORT=" + system.port(second),
					"OTEL_RESOURCE_ATTRIBUTES=service.instance.id=content-service-2", "EUREKA_LEASE_RENEWAL_SECONDS=2");
			assertThat(system.logFile(second)).hasFileName("content-service-2.log")
				.content()
				.contains("starting content-service-2");
			// a second gateway: its own public and management ports
			InstanceId gateway2 = system.instances(SystemLauncher.GATEWAY).get(1);
			String gatewayEnv = get(system.serviceUrl(gateway2) + "/env").body();
			assertThat(gatewayEnv).contains("GATEWAY_MANAGEMENT_PORT=")
				.doesNotContain("GATEWAY_MANAGEMENT_PORT=" + system.gatewayManagementUrl().replaceAll(".*:", ""));
			assertThat(StatusFile.read(status)).hasSize(8).allMatch(row -> row.state().equals("running"));

			long oldPid = system.pid(second).orElseThrow();
			system.kill(second);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> system.pid(second).isPresent() && system.pid(second).getAsLong() != oldPid);
			system.awaitBack(List.of(second));
			assertThat(system.restarts(second)).isEqualTo(1);
			assertThat(system.restarts(InstanceId.first(SystemLauncher.CONTENT))).isZero();
			assertThat(get(system.serviceUrl(second) + "/actuator/health").statusCode()).isEqualTo(200);
			// restarted at low priority while content-service (1) serves, normal again
			// once healthy
			assertThat(system.logFile(second)).content().contains(": nice -n 10 ");
			long restarted = system.pid(second).orElseThrow();
			await().atMost(Duration.ofSeconds(30)).until(() -> niceness(restarted) == 0);

			List<StatusFile.Row> rows = StatusFile.read(status);
			String table = StatusMain.render(rows, StatusMain.health(rows), Instant.now());
			assertThat(table.lines().filter(line -> line.startsWith("content-service-2 ")))
				.singleElement(as(InstanceOfAssertFactories.STRING))
				.contains(Long.toString(system.pid(second).orElseThrow()), Integer.toString(system.port(second)),
						"running", "UP")
				.containsPattern("\\s1\\s+running");
		}
		assertThat(status).doesNotExist();
	}

	@Test
	void failsFastNamingTheServiceThatDied() {
		SystemLauncher system = launcher().env(SystemLauncher.CMS, "FAKE_EXIT", "3").build();
		assertThatThrownBy(system::start).hasMessageContaining("cms-service exited with status 3")
			.hasMessageContaining(system.logFile(SystemLauncher.CMS).toString())
			.hasMessageContaining("failing on purpose");
		for (String module : SystemLauncher.MODULES) {
			assertThat(system.isRunning(module)).as(module).isFalse();
		}
		system.close();
	}

	@Test
	void timesOutNamingTheServiceThatIsNotReady() {
		// long enough for the four healthy fakes to register on a loaded machine (12 s
		// was
		// not, at a load average of 11), so that only the silent one is named
		SystemLauncher system = launcher().env(SystemLauncher.RATING, "FAKE_NO_REGISTER", "true")
			.startupTimeout(Duration.ofSeconds(30))
			.build();
		assertThatThrownBy(system::start).hasMessageContaining("not ready after 30 s")
			.hasMessageContaining("rating-service: no UP instance")
			.hasMessageContaining(system.logFile(SystemLauncher.RATING).toString())
			.message()
			.doesNotContain("content-service");
		assertThat(system.isRunning(SystemLauncher.RATING)).isFalse();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Field 19 of /proc/<pid>/stat, after the command name (which may hold spaces). */
	private static int niceness(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
	}

}
