package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Staff whose account is disabled or demoted lose their powers within seconds, through
 * the gateway and directly at the services, long before their tokens expire. Requests aim
 * at items that do not exist, so an accepted token shows as 404 and a refused one as 401,
 * and the shared catalogue is not changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationIT {

	/** "Within a few seconds", with room for two busy cores. */
	private static final Duration REVOCATION = Duration.ofSeconds(10);

	private SystemLauncher system;

	private Client gateway;

	private Client translationService;

	private Client cmsService;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void theSystemIsUp() {
		SharedSystem shared = SharedSystem.get();
		system = shared.launcher;
		gateway = shared.gateway;
		translationService = new Client(system.serviceUrl(SystemLauncher.TRANSLATION));
		cmsService = new Client(system.serviceUrl(SystemLauncher.CMS));
		shared.awaitSeedCatalogue();
	}

	@Test
	void aDisabledTranslatorsNextWriteIs401ThroughTheGatewayAndDirectly() throws Exception {
		String username = account("TRANSLATOR");
		String token = login(username);
		assertThat(draft(gateway, token).status()).isEqualTo(404);
		assertThat(draft(translationService, token).status()).isEqualTo(404);

		assertThat(patch(username, "{\"enabled\":false}")).isEqualTo(200);

		await().atMost(REVOCATION).until(() -> draft(gateway, token).status() == 401);
		await().atMost(REVOCATION).until(() -> draft(translationService, token).status() == 401);
		Client.Answer refused = draft(gateway, token);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
	}

	@Test
	void aDemotedModeratorsApprovalsAre401WithinSecondsWhileTheNewTokenHasTheNewRole() throws Exception {
		String username = account("MODERATOR");
		String token = login(username);
		assertThat(approveTranslation(gateway, token).status()).isEqualTo(404);
		assertThat(approveContent(gateway, token).status()).isEqualTo(404);

		assertThat(patch(username, "{\"roles\":[\"TRANSLATOR\"]}")).isEqualTo(200);

		assertThat(approveContent(cmsService, token).status()).isEqualTo(401);
		await().atMost(REVOCATION).until(() -> approveTranslation(gateway, token).status() == 401);
		await().atMost(REVOCATION).until(() -> approveTranslation(translationService, token).status() == 401);
		assertThat(approveContent(gateway, token).status()).isEqualTo(401);
		String demoted = login(username);
		assertThat(approveTranslation(gateway, demoted).status()).isEqualTo(403);
		assertThat(draft(gateway, demoted).status()).isEqualTo(404);
	}

	@Test
	void aPasswordBeyondBcryptsLimitIsAWrongPasswordNotA500() {
		// never the admin: the suite shares its login, and failures slow the address down
		String username = account("TRANSLATOR");
		Client.Answer answer = gateway.post("/api/v1/cms/auth/token",
				"{\"username\":\"" + username + "\",\"password\":\"" + "ä".repeat(60) + "\"}");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private String account(String role) {
		String username = "rev-" + UUID.randomUUID().toString().substring(0, 8);
		Client.Answer created = gateway.post(
				"/api/v1/cms/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + password(username)
						+ "\",\"roles\":[\"" + role + "\"]}",
				"Authorization", "Bearer " + SharedSystem.get().adminToken());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return username;
	}

	private String login(String username) {
		Client.Answer answer = gateway.post("/api/v1/cms/auth/token",
				"{\"username\":\"" + username + "\",\"password\":\"" + password(username) + "\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("access_token").asString();
	}

	private static String password(String username) {
		return "revocation-" + username;
	}

	private int patch(String username, String json) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/cms/accounts/" + username))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + SharedSystem.get().adminToken())
				.timeout(Duration.ofSeconds(30))
				.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode();
	}

	private static Client.Answer draft(Client client, String token) {
		return client.put("/api/v1/translations/no-such-item-revocation/fr",
				"{\"text\":\"Une traduction qui n'arrive jamais.\"}", "Authorization", "Bearer " + token);
	}

	private static Client.Answer approveTranslation(Client client, String token) {
		return client.post("/api/v1/translations/no-such-item-revocation/fr/approve", "{}", "Authorization",
				"Bearer " + token);
	}

	private static Client.Answer approveContent(Client client, String token) {
		return client.post("/api/v1/cms/content/no-such-item-revocation/approve", "{\"reason\":\"looks fine\"}",
				"Authorization", "Bearer " + token);
	}

}
