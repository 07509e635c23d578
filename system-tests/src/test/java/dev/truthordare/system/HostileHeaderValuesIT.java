package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.truthordare.web.testing.HeaderContract;
import dev.truthordare.web.testing.HeaderContract.Endpoint;
import dev.truthordare.web.testing.HostileHeaders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every header the gateway or a service reads, with each grammar-breaking value of the
 * shared matrix ({@link HostileHeaders}: empty, blank, 4000 characters, non-ASCII,
 * repeated, wrong syntax), on an endpoint of each service through the gateway: zero 5xx,
 * and every refusal problem+json. Unlike {@link HostileInputSuite} many of these requests
 * are fine (a wildcard Accept is), so the verdict is "never 5xx", not "always 4xx"; the
 * writes aim at a missing item or carry a body the service refuses after reading the
 * headers, except one rating of one item by one client, which the matrix only replaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHeaderValuesIT {

	private SharedSystem system;

	private int port;

	private String adminToken;

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	@BeforeAll
	void theSystemIsUp() {
		system = SharedSystem.get();
		system.awaitSeedCatalogue();
		adminToken = system.adminToken();
		port = URI.create(system.launcher.gatewayUrl()).getPort();
	}

	@AfterAll
	void reportWhatWasSent() {
		System.out.println("HostileHeaderValuesIT answers by status: " + statuses);
	}

	private static List<Endpoint> playerEndpoints() {
		return List.of(Endpoint.get("/api/v1/truths/random"), Endpoint.get("/api/v2/dares/dare-001"),
				Endpoint.get("/api/v1/truths?page=1&size=5"), Endpoint.get("/api/v1/stats"),
				Endpoint.get("/api/v1/truth"), Endpoint.get("/api/v1/languages"),
				Endpoint.get("/api/v1/translations/truth-001"), Endpoint.get("/api/v1/ratings/truth-001"),
				Endpoint.post("/api/v1/ratings", "{\"content_id\":\"dare-050\",\"rating\":4}"),
				Endpoint.post("/api/v1/submissions",
						"{\"type\":\"truth\",\"content\":\"short\",\"category\":\"deep\"}"),
				Endpoint.post("/api/v1/cms/auth/token",
						"{\"username\":\"header-matrix-nobody\",\"password\":\"not-the-password\"}"),
				new Endpoint("OPTIONS", "/api/v1/ratings", null));
	}

	private static List<Endpoint> staffEndpoints() {
		return List.of(Endpoint.get("/api/v1/cms/queue?status=PENDING"),
				Endpoint.put("/api/v1/cms/content/no-such-item", "{\"content\":\"What is your favourite song?\"}"),
				Endpoint.put("/api/v1/translations/no-such-item/id", "{\"text\":\"Lagu apa yang kamu suka?\"}"));
	}

	@TestFactory
	Stream<DynamicTest> noHeaderValueMakesA5xxAnywhere() {
		Map<String, String> staff = Map.of("Authorization", "Bearer " + adminToken);
		return Stream
			.concat(playerEndpoints().stream().map(endpoint -> Map.entry(endpoint, Map.<String, String>of())),
					staffEndpoints().stream().map(endpoint -> Map.entry(endpoint, staff)))
			.flatMap(endpoint -> HostileHeaders.all()
				.stream()
				.map(value -> dynamicTest(endpoint.getKey() + " with " + value, () -> {
					HeaderContract.RawAnswer answer = HeaderContract.send(port, endpoint.getKey(), endpoint.getValue(),
							value);
					synchronized (statuses) {
						statuses.merge(answer.status(), 1, Integer::sum);
					}
					assertThat(answer.status()).as("%s with %s: %s", endpoint.getKey(), value, answer.head())
						.isBetween(200, 499);
					if (answer.status() >= 400) {
						assertThat(answer.contentType()).as("%s with %s: %s", endpoint.getKey(), value, answer.head())
							.startsWith("application/problem+json");
					}
				})));
	}

}
