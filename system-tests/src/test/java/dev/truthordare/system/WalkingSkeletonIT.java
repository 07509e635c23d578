package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.SystemLauncher;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole system, started as {@code ./run} starts it (separate JVMs with the
 * OpenTelemetry agent, real Kafka, the MongoDB wire server), driven through the gateway
 * only. Tests that stop a service run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {

	private static final String ADMIN = SharedSystem.ADMIN;

	private static final String ADMIN_PASSWORD = SharedSystem.ADMIN_PASSWORD;

	private static final Duration PROPAGATION = Duration.ofSeconds(30);

	private OtlpReceiver otlp;

	private SystemLauncher system;

	private Client gateway;

	@BeforeAll
	void theSystemIsUpWithItsSeedCatalogue() {
		SharedSystem shared = SharedSystem.get();
		otlp = shared.otlp;
		system = shared.launcher;
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	private String adminToken() {
		Client.Answer answer = gateway.post("/api/v1/cms/auth/token",
				"{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("access_token").asString();
	}

	private String createPendingTruth(String token, String text) {
		Client.Answer created = gateway.post("/api/v1/cms/content",
				"{\"type\":\"truth\",\"content\":\"" + text + "\",\"category\":\"deep\"}", "Authorization",
				"Bearer " + token);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
		return created.json().get("id").asString();
	}

	@Test
	@Order(1)
	void theSeedCatalogueIsServedThroughTheGateway() {
		JsonNode stats = gateway.get("/api/v1/stats").json();
		// 110 seeded; other test classes sharing this system may take one or two out of
		// play
		assertThat(stats.get("truths").asLong() + stats.get("dares").asLong()).isGreaterThanOrEqualTo(108);
		assertThat(gateway.get("/api/v1/truths/truth-055").status()).isEqualTo(200);
		assertThat(gateway.get("/api/v1/dares/dare-055").status()).isEqualTo(200);

		Client.Answer truth = gateway.get("/api/v1/truths/random");
		Client.Answer dare = gateway.get("/api/v1/dares/random");
		assertThat(truth.status()).isEqualTo(200);
		assertThat(truth.json().get("type").asString()).isEqualTo("truth");
		assertThat(dare.json().get("type").asString()).isEqualTo("dare");
		assertThat(truth.header("X-Request-Id")).isNotBlank();

		String id = truth.json().get("id").asString();
		assertThat(gateway.get("/api/v1/truths/" + id).json().get("content").asString())
			.isEqualTo(truth.json().get("content").asString());
		assertThat(gateway.get("/api/v1/dares/" + dare.json().get("id").asString()).status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void aModeratorsNewItemIsServedOnlyOnceApprovedAndTheConsumerJoinsTheApprovalsTrace() {
		String token = adminToken();
		String id = createPendingTruth(token, "What is a promise you made to yourself and kept?");

		assertThat(gateway.get("/api/v1/truths/" + id).status()).isEqualTo(404);
		Set<String> drawn = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			drawn.add(gateway.get("/api/v1/truths/random").json().get("id").asString());
		}
		assertThat(drawn).doesNotContain(id);

		String traceId = Client.newTraceId();
		Client.Answer approved = gateway.post("/api/v1/cms/content/" + id + "/approve", "{\"reason\":\"good one\"}",
				"Authorization", "Bearer " + token, "traceparent", Client.traceparent(traceId));
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);

		await().atMost(PROPAGATION).until(() -> gateway.get("/api/v1/truths/" + id).status() == 200);
		await().atMost(PROPAGATION).untilAsserted(() -> assertThat(otlp.spansOfTrace(traceId)).anySatisfy(span -> {
			assertThat(span.service()).isEqualTo(SystemLauncher.CMS);
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
		}).anySatisfy(span -> {
			assertThat(span.service()).isEqualTo(SystemLauncher.CONTENT);
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
		}));
	}

	@Test
	@Order(3)
	void cmsWritesWithoutATokenAre401Problems() {
		Client.Answer answer = gateway.post("/api/v1/cms/content",
				"{\"type\":\"truth\",\"content\":\"Who here would survive a zombie film?\",\"category\":\"funny\"}");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(gateway.post("/api/v1/cms/content/truth-001/approve", "{}").status()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void aPlayersRatingIsStoredOncePerClientAndSummarised() {
		// the system is shared: suites before this one (the outage load, the hostile
		// inputs) rated some dares, and this test counts from zero
		String item = await().atMost(PROPAGATION)
			.until(() -> gateway.get("/api/v1/dares/random").json().get("id").asString(),
					id -> gateway.get("/api/v1/ratings/" + id).json().get("count").asLong() == 0);

		assertThat(gateway
			.post("/api/v1/ratings", "{\"content_id\":\"" + item + "\",\"rating\":5}", "X-Client-Id", "phone-alpha-1")
			.status()).isEqualTo(200);
		assertThat(gateway
			.post("/api/v1/ratings", "{\"content_id\":\"" + item + "\",\"rating\":3}", "X-Client-Id", "phone-beta-2")
			.status()).isEqualTo(200);
		assertThat(gateway
			.post("/api/v1/ratings", "{\"content_id\":\"" + item + "\",\"rating\":4}", "X-Client-Id", "phone-alpha-1")
			.status()).isEqualTo(200);

		JsonNode summary = gateway.get("/api/v1/ratings/" + item).json();
		assertThat(summary.get("content_id").asString()).isEqualTo(item);
		assertThat(summary.get("count").asLong()).isEqualTo(2);
		assertThat(summary.get("average").asDouble()).isEqualTo(3.5);
		// the summary travels over ratings.summary.v1 into content-service's projection
		await().atMost(PROPAGATION)
			.until(() -> gateway.get("/api/v2/dares/" + item).json().get("rating").get("count").asLong() == 2);
	}

	@Test
	@Order(5)
	void indonesianIsServedThroughTranslationServiceInOneTrace() {
		JsonNode languages = gateway.get("/api/v1/languages").json().get("languages");
		assertThat(languages.findValuesAsString("code")).contains("en", "id");

		String item = "truth-0" + ThreadLocalRandom.current().nextInt(20, 56);
		String translation = gateway.get("/api/v1/translations/" + item + "?lang=id").json().get("text").asString();
		// the very first call may outlast the time limiter while content-service warms up
		// its client
		await().atMost(PROPAGATION)
			.until(() -> !gateway.get("/api/v1/truths/truth-003?lang=id")
				.json()
				.get("translation_fallback")
				.asBoolean());
		Client.Answer answer = gateway.get("/api/v1/truths/" + item + "?lang=id");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("content").asString()).isEqualTo(translation);
		assertThat(answer.json().get("translation_fallback").asBoolean()).isFalse();
		assertThat(answer.header("Content-Language")).isEqualTo("id");

		// content-service keeps an item's translations for a minute, and other classes
		// sharing this system may have
		// just read every item: keep asking, each time in a new trace, until a request
		// that really went to
		// translation-service shows up, and that one must be a single trace across the
		// three services
		Set<String> traces = ConcurrentHashMap.newKeySet();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			String traceId = Client.newTraceId();
			String next = "truth-0" + ThreadLocalRandom.current().nextInt(20, 56);
			assertThat(gateway.get("/api/v1/truths/" + next + "?lang=id", "traceparent", Client.traceparent(traceId))
				.status()).isEqualTo(200);
			traces.add(traceId);
			return traces.stream()
				.anyMatch(trace -> otlp.spansOfTrace(trace)
					.stream()
					.map(OtlpReceiver.ReceivedSpan::service)
					.toList()
					.containsAll(List.of(SystemLauncher.GATEWAY, SystemLauncher.CONTENT, SystemLauncher.TRANSLATION)));
		});
	}

	@Test
	@Order(6)
	void badRequestsAreProblemsNeverStackTraces() {
		Client.Answer unknown = gateway.get("/api/v1/no-such-thing");
		Client.Answer malformed = gateway.post("/api/v1/ratings", "{\"content_id\": \"truth-001\", \"rating\": ",
				"X-Client-Id", "phone-alpha-1");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unknown.json().get("request_id").asString()).isEqualTo(unknown.header("X-Request-Id"));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(malformed.body()).doesNotContain("Exception", "\tat ");
	}

	@Test
	@Order(7)
	void aRestartedCmsSeedsNothingTwice() {
		long before = gateway.get("/api/v1/stats").json().get("total").asLong();

		system.stopService(SystemLauncher.CMS);
		system.startService(SystemLauncher.CMS);

		await().atMost(PROPAGATION)
			.until(() -> gateway
				.post("/api/v1/cms/auth/token",
						"{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}")
				.status() == 200);
		assertThat(system.logLinesContaining(SystemLauncher.CMS, "Seed catalogue: 0 item(s) added")).isNotEmpty();
		assertThat(gateway.get("/api/v1/stats").json().get("total").asLong()).isEqualTo(before);
	}

	@Test
	@Order(8)
	void withTranslationServiceDownContentIsStillServedInEnglishFlaggedAsFallback() {
		// a fresh item with an approved Indonesian translation that no one has asked for
		// yet, so no cache holds it
		String token = adminToken();
		Client.Answer created = gateway.post("/api/v1/cms/content",
				"{\"type\":\"dare\",\"content\":\"Balance a spoon on " + "your nose for ten seconds "
						+ System.nanoTime() + "\",\"category\":\"silly\",\"difficulty\":\"easy\"}",
				"Authorization", "Bearer " + token);
		String id = created.json().get("id").asString();
		gateway.post("/api/v1/cms/content/" + id + "/approve", "{}", "Authorization", "Bearer " + token);
		await().atMost(PROPAGATION)
			.until(() -> gateway
				.put("/api/v1/translations/" + id + "/id",
						"{\"text\":\"Seimbangkan sendok di hidungmu selama sepuluh detik\"}", "Authorization",
						"Bearer " + token)
				.status() == 200);
		assertThat(gateway.post("/api/v1/translations/" + id + "/id/approve", "{}", "Authorization", "Bearer " + token)
			.status()).isEqualTo(200);
		await().atMost(PROPAGATION).until(() -> gateway.get("/api/v1/dares/" + id).status() == 200);

		system.stopService(SystemLauncher.TRANSLATION);
		try {
			Client.Answer answer = gateway.get("/api/v1/dares/" + id + "?lang=id");

			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("translation_fallback").asBoolean()).isTrue();
			assertThat(answer.json().get("content").asString()).startsWith("Balance a spoon");
			assertThat(answer.header("Content-Language")).isEqualTo("en");
			assertThat(gateway.get("/api/v1/dares/random?lang=id").status()).isEqualTo(200);
		}
		finally {
			system.startService(SystemLauncher.TRANSLATION); // other test classes share
																// this system
		}
	}

}
