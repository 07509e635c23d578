package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Prometheus and Grafana as infra/compose provisions them. */
class ComposeObservabilityTest {

	private static final Path COMPOSE = ProjectFiles.root().resolve("infra/compose");

	@Test
	void grafanaHasThePrometheusAndJaegerDataSourcesTheDashboardsUse() throws IOException {
		Map<String, Object> provisioning = new Yaml()
			.load(ProjectFiles.read(COMPOSE.resolve("grafana/provisioning/datasources/datasources.yml")));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> sources = (List<Map<String, Object>>) provisioning.get("datasources");
		assertThat(sources).extracting(s -> s.get("type") + " " + s.get("uid") + " " + s.get("url"))
			.containsExactlyInAnyOrder("prometheus prometheus http://prometheus:9090",
					"jaeger jaeger http://jaeger:16686");

		List<Path> dashboards;
		try (Stream<Path> files = Files.list(COMPOSE.resolve("grafana/dashboards"))) {
			dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
		}
		assertThat(dashboards).isNotEmpty();
		for (Path dashboard : dashboards) {
			JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
			List<String> used = new ArrayList<>();
			json.findValues("datasource").forEach(ds -> used.add(ds.path("uid").asText()));
			assertThat(used).as(dashboard.toString()).isNotEmpty().allMatch(uid -> uid.equals("prometheus"));
			assertThat(json.findValues("expr")).as(dashboard.toString()).isNotEmpty();
		}
	}

	@Test
	void prometheusStoresTheExemplarsThatLeadFromALatencyBucketToItsTrace() throws IOException {
		Map<String, Object> compose = new Yaml().load(ProjectFiles.read(ComposeFile.PATH));
		@SuppressWarnings("unchecked")
		Map<String, Object> prometheus = (Map<String, Object>) ((Map<String, Object>) compose.get("services"))
			.get("prometheus");
		assertThat(String.valueOf(prometheus.get("command"))).contains("exec /bin/prometheus ")
			.contains("--enable-feature=exemplar-storage");
	}

	@Test
	void promtoolAcceptsThePrometheusConfigurationWithTheProjectsRules(@TempDir Path dir) throws Exception {
		Optional<Path> promtool = Stream.of(System.getenv("PATH").split(":"))
			.map(d -> Path.of(d, "promtool"))
			.filter(Files::isExecutable)
			.findFirst();
		assumeTrue(promtool.isPresent(),
				"promtool is not installed: infra/compose's Prometheus configuration was not checked");
		// the container's paths, pointed at this checkout: the rules
		// (infra/prometheus/rules) and a password file
		Path rules = ProjectFiles.root().resolve("infra/prometheus/rules");
		Files.writeString(dir.resolve("eureka-password"), "not-a-secret");
		String config = ProjectFiles.read(COMPOSE.resolve("prometheus/prometheus.yml"))
			.replace("/etc/prometheus/rules/", rules + "/")
			.replace("/tmp/eureka-password", dir.resolve("eureka-password").toString());
		Path copy = dir.resolve("prometheus.yml");
		Files.writeString(copy, config);
		Process process = new ProcessBuilder(promtool.get().toString(), "check", "config", copy.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(ProjectFiles.read(ComposeFile.PATH)).contains("../prometheus/rules:/etc/prometheus/rules:ro");
	}

}
