package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.InstanceId;
import dev.truthordare.infra.local.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus ./run brings finds every instance of every service through Eureka, with
 * nobody editing a file, and scrapes each one successfully.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SystemLauncher system;

	@BeforeAll
	void theSystemIsUp() {
		SharedSystem shared = SharedSystem.get();
		system = shared.launcher;
		shared.awaitSeedCatalogue();
	}

	@Test
	void prometheusScrapesEveryInstanceOfEveryServiceFoundThroughEureka() {
		String prometheus = system.prometheusUrl().orElseThrow();
		Set<String> expected = new HashSet<>();
		for (String module : SystemLauncher.SERVICES) {
			for (InstanceId instance : system.instances(module)) {
				expected.add(module + ":" + system.port(instance));
			}
		}
		// registry refresh and the first scrape: well under a minute
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			HttpResponse<String> targets = HTTP.send(
					HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/targets?state=active")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(targets.statusCode()).isEqualTo(200);
			Set<String> up = new HashSet<>();
			for (JsonNode target : JSON.readTree(targets.body()).path("data").path("activeTargets")) {
				if (target.path("health").asString().equals("up")) {
					up.add(target.path("labels").path("instance").asString());
				}
			}
			assertThat(up).containsAll(expected);
		});
	}

}
