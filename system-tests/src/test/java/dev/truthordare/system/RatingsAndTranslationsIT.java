package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Ratings, reports and translations across services, through the gateway only: the
 * catalogue is fully covered in six languages, an edit in CMS outdates a translation
 * (content falls back to English) until it is approved again, and players' reports reach
 * CMS, which takes the item out of play.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RatingsAndTranslationsIT {

	private static final Duration PROPAGATION = Duration.ofSeconds(30);

	private SystemLauncher system;

	private Client gateway;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void theSystemIsUpWithItsSeedCatalogue() {
		SharedSystem shared = SharedSystem.get();
		system = shared.launcher;
		gateway = shared.gateway;
		shared.awaitSeedCatalogue();
	}

	private String adminToken() {
		return SharedSystem.get().adminToken();
	}

	private Client.Answer put(String path, String json, String token) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Client.Answer(response.statusCode(), response.headers(), response.body());
	}

	private String translationState(String id, String lang) {
		for (JsonNode state : gateway.get("/api/v1/translations/" + id).json().get("translations")) {
			if (state.get("lang").asString().equals(lang)) {
				return state.get("status").asString();
			}
		}
		return null;
	}

	@Test
	@Order(1)
	void theWholeSeedCatalogueIsCoveredInAllNineLanguages() {
		await().atMost(PROPAGATION).untilAsserted(() -> {
			JsonNode languages = gateway.get("/api/v1/languages").json().get("languages");
			assertThat(languages.findValuesAsString("code")).containsExactly("en", "id", "es", "fr", "de", "pt", "bn",
					"hi", "tl");
			for (JsonNode language : languages) {
				assertThat(language.get("total").asLong()).isGreaterThanOrEqualTo(110);
				assertThat(language.get("coverage").asDouble()).as(language.toString()).isEqualTo(1.0);
			}
		});
	}

	@Test
	@Order(2)
	void anEditInCmsOutdatesTheTranslationSoContentFallsBackUntilTheTranslationIsApprovedAgain() throws Exception {
		String token = adminToken();
		String id = "truth-010";
		await().atMost(PROPAGATION)
			.until(() -> !gateway.get("/api/v1/truths/" + id + "?lang=id")
				.json()
				.get("translation_fallback")
				.asBoolean());

		String newText = "What is a small promise you kept this year that nobody noticed?";
		Client.Answer edited = put("/api/v1/cms/content/" + id, "{\"content\":\"" + newText + "\"}", token);
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);

		await().atMost(PROPAGATION).until(() -> "OUTDATED".equals(translationState(id, "id")));
		await().atMost(PROPAGATION).untilAsserted(() -> {
			Client.Answer served = gateway.get("/api/v1/truths/" + id + "?lang=id");
			assertThat(served.json().get("content").asString()).isEqualTo(newText);
			assertThat(served.json().get("translation_fallback").asBoolean()).isTrue();
			assertThat(served.header("Content-Language")).isEqualTo("en");
		});
		assertThat(gateway.get("/api/v1/translations/" + id + "?lang=id").status()).isEqualTo(404);

		String indonesian = "Janji kecil apa yang kamu tepati tahun ini tanpa ada yang sadar?";
		Client.Answer drafted = put("/api/v1/translations/" + id + "/id", "{\"text\":\"" + indonesian + "\"}", token);
		assertThat(drafted.status()).as(drafted.body()).isEqualTo(200);
		Client.Answer approved = gateway.post("/api/v1/translations/" + id + "/id/approve", "", "Authorization",
				"Bearer " + token);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);

		await().atMost(PROPAGATION).untilAsserted(() -> {
			Client.Answer served = gateway.get("/api/v1/truths/" + id + "?lang=id");
			assertThat(served.json().get("content").asString()).isEqualTo(indonesian);
			assertThat(served.json().get("translation_fallback").asBoolean()).isFalse();
			assertThat(served.header("Content-Language")).isEqualTo("id");
		});
	}

	@Test
	@Order(3)
	void translationWritesWithoutTheRightRoleAreRefused() {
		Client.Answer anonymous = gateway.post("/api/v1/translations/truth-001/id/approve", "");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	@Order(4)
	void playersReportsReachCmsWhichTakesTheItemOutOfPlay() {
		String id = "dare-020";
		assertThat(gateway.get("/api/v2/dares/" + id).status()).isEqualTo(200);

		// three players on three networks (a trusted proxy tells the gateway where they
		// are)
		for (String client : List.of("reporter-phone-1", "reporter-phone-2")) {
			Client.Answer report = gateway.post("/api/v1/reports",
					"{\"content_id\":\"" + id + "\",\"reason_code\":\"UNSAFE\"}", "X-Client-Id", client,
					"X-Forwarded-For", client.endsWith("1") ? "198.51.100.31" : "203.0.113.32");
			assertThat(report.status()).as(report.body()).isEqualTo(201);
		}
		assertThat(gateway
			.post("/api/v1/reports", "{\"content_id\":\"" + id + "\",\"reason_code\":\"UNSAFE\"}", "X-Client-Id",
					"reporter-phone-1", "X-Forwarded-For", "198.51.100.31")
			.status()).isEqualTo(200); // counted once
		Client.Answer viaRating = gateway.post("/api/v1/ratings",
				"{\"content_id\":\"" + id + "\",\"rating\":1,\"appropriate\":false}", "X-Client-Id", "reporter-phone-3",
				"X-Forwarded-For", "2001:db8:33::3");
		assertThat(viaRating.status()).as(viaRating.body()).isEqualTo(200);

		await().atMost(PROPAGATION).until(() -> gateway.get("/api/v2/dares/" + id).status() == 404);
		await().atMost(PROPAGATION)
			.until(() -> gateway
				.post("/api/v1/ratings", "{\"content_id\":\"" + id + "\",\"rating\":5}", "X-Client-Id", "late-phone-1")
				.status() == 404);
	}

}
