package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an SRE does with a player's "it failed": the answer's {@code traceresponse} (and a
 * problem's {@code trace_id}) names a trace, and the local trace store ./run brings has
 * it, with the spans of the gateway and of each service the request touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracesIT {

	private static final Pattern TRACE_RESPONSE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SystemLauncher system;

	private Client gateway;

	@BeforeAll
	void theSystemIsUp() {
		SharedSystem shared = SharedSystem.get();
		system = shared.launcher;
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	private static String traceIdOf(Client.Answer answer) {
		String header = answer.header("traceresponse");
		assertThat(header).as("traceresponse of an answer %s", answer.status()).isNotNull();
		Matcher matcher = TRACE_RESPONSE.matcher(header);
		assertThat(matcher.matches()).as(header).isTrue();
		return matcher.group(1);
	}

	/**
	 * The services that sent spans of this trace to the trace store, once it has them.
	 */
	private Set<String> servicesInTraceStore(String traceId, Set<String> expected) {
		String store = system.traceStoreUrl().orElseThrow();
		Set<String> services = new HashSet<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> trace = HTTP.send(
					HttpRequest.newBuilder(URI.create(store + "/api/v2/trace/" + traceId)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
			services.clear();
			for (JsonNode span : JSON.readTree(trace.body())) {
				services.add(span.path("localEndpoint").path("serviceName").asString());
			}
			assertThat(services).containsAll(expected);
		});
		return services;
	}

	@Test
	void aPlayersAnswerNamesItsTraceAndTheTraceStoreHasItAcrossGatewayAndServices() {
		Client.Answer answer = gateway.get("/api/v1/truths/truth-001?lang=id");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		String traceId = traceIdOf(answer);

		assertThat(servicesInTraceStore(traceId, Set.of("gateway-service", "content-service")))
			.contains("gateway-service", "content-service");
	}

	@Test
	void aProblemCarriesTheSameTraceIdAsItsHeaderAndThatTraceIsStored() {
		Client.Answer refused = gateway.get("/api/v1/truths/no-such-truth");
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		String traceId = traceIdOf(refused);
		assertThat(refused.json().path("trace_id").asString()).isEqualTo(traceId);
		assertThat(refused.json().path("request_id").asString()).isEqualTo(refused.header("X-Request-Id"));

		servicesInTraceStore(traceId, Set.of("gateway-service", "content-service"));
	}

	@Test
	void aProblemOfTheGatewayItselfCarriesItsTraceToo() {
		Client.Answer unrouted = gateway.get("/api/v1/no-such-endpoint");
		assertThat(unrouted.status()).isEqualTo(404);
		String traceId = traceIdOf(unrouted);
		assertThat(unrouted.json().path("trace_id").asString()).isEqualTo(traceId);
	}

}
