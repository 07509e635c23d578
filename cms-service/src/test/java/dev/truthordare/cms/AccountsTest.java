package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class AccountsTest extends CmsTestSupport {

	@Test
	void aDisabledAccountsTokenStopsWorkingAtOnce() {
		String username = "mod-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "a-long-password-1", "roles", List.of("MODERATOR")));
		String token = token(username, "a-long-password-1");
		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", token, null).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<JsonNode> disabled = call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(),
				Map.of("enabled", false));

		assertThat(disabled.getBody().get("enabled").asBoolean()).isFalse();
		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", token, null).getStatusCode().value()).isEqualTo(401);
		assertThat(disabled.getBody().toString()).doesNotContain("password");
	}

	@Test
	void anAttackerFailingFromOneAddressWaitsThereWhileTheOwnerLogsInFromAnother() {
		String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "the-right-password", "roles", List.of("TRANSLATOR")));
		for (int i = 0; i < 5; i++) {
			assertThat(login(username, "guess-" + i, "203.0.113.7").getStatusCode().value()).isEqualTo(401);
		}

		ResponseEntity<JsonNode> waiting = login(username, "the-right-password", "203.0.113.7");
		ResponseEntity<JsonNode> owner = login(username, "the-right-password", "198.51.100.2");

		assertThat(waiting.getStatusCode().value()).isEqualTo(429);
		assertThat(waiting.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(waiting.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(waiting.getBody().has("access_token")).isFalse();
		assertThat(owner.getStatusCode().value()).isEqualTo(200);
		assertThat(owner.getBody().get("access_token").asString()).isNotBlank();
	}

	@Test
	void failedAndRefusedLoginsAreCountedForOperators() {
		double failuresBefore = metric("cms_login_failures_total");
		double refusedBefore = metric("cms_login_refused_total");
		String username = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "the-right-password", "roles", List.of("TRANSLATOR")));

		for (int i = 0; i < 5; i++) {
			login(username, "guess-" + i, "203.0.113.77");
		}
		assertThat(login(username, "the-right-password", "203.0.113.77").getStatusCode().value()).isEqualTo(429);

		assertThat(metric("cms_login_failures_total")).isEqualTo(failuresBefore + 5);
		assertThat(metric("cms_login_refused_total")).isEqualTo(refusedBefore + 1);
	}

	private double metric(String name) {
		String scrape = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
		return scrape.lines()
			.filter(line -> line.startsWith(name + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
			.findFirst()
			.orElse(0);
	}

	@Test
	void anAdminUnlocksAnAccountForEveryAddress() {
		String username = "locked-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "the-right-password", "roles", List.of("TRANSLATOR")));
		for (int i = 0; i < 8; i++) {
			login(username, "guess-" + i, "203.0.113.9");
		}
		assertThat(login(username, "the-right-password", "203.0.113.9").getStatusCode().value()).isEqualTo(429);
		String translator = tokenWithRoles("TRANSLATOR");

		assertThat(
				call(HttpMethod.POST, "/api/v1/cms/accounts/" + username + "/unlock", translator, null).getStatusCode()
					.value())
			.isEqualTo(403);
		ResponseEntity<JsonNode> unlocked = call(HttpMethod.POST, "/api/v1/cms/accounts/" + username + "/unlock",
				adminToken(), null);

		assertThat(unlocked.getStatusCode().value()).isEqualTo(200);
		assertThat(unlocked.getBody().get("throttled_addresses").asLong()).isEqualTo(1);
		assertThat(login(username, "the-right-password", "203.0.113.9").getStatusCode().value()).isEqualTo(200);
		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts/nobody-here/unlock", adminToken(), null).getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void passwordsBeyondBcryptsSeventyTwoBytesAreRefusedWhenSetAndNeverMatchAtLogin() {
		String username = "long-" + UUID.randomUUID().toString().substring(0, 8);
		String seventyTwoBytes = "ü".repeat(36);
		String seventyThreeBytes = seventyTwoBytes + "x";

		ResponseEntity<JsonNode> tooLong = call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", seventyThreeBytes, "roles", List.of("TRANSLATOR")));
		assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
		assertThat(tooLong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(tooLong.getBody().get("detail").asString()).contains("72 bytes");

		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", seventyTwoBytes, "roles", List.of("TRANSLATOR")))
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(login(username, seventyTwoBytes, "192.0.2.1").getStatusCode().value()).isEqualTo(200);
		assertThat(call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(),
				Map.of("password", "p".repeat(100)))
			.getStatusCode()
			.value()).isEqualTo(400);

		ResponseEntity<JsonNode> longLogin = login(username, seventyTwoBytes + "-and-more", "192.0.2.1");
		assertThat(longLogin.getStatusCode().value()).isEqualTo(401);
		assertThat(longLogin.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(login("nobody-" + username, "x".repeat(150), "192.0.2.1").getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void accountFieldsAtAndPastTheirLimitsAre4xxProblemsNever500() {
		String forty = "a".repeat(40);
		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", forty + "b", "password", "a-long-password-9", "roles", List.of("TRANSLATOR")))
			.getStatusCode()
			.value()).isEqualTo(400);
		ResponseEntity<JsonNode> atLimit = call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", forty, "password", "a-long-password-9", "roles", List.of("TRANSLATOR")));
		assertThat(atLimit.getStatusCode().value()).isIn(201, 409);

		for (Map<String, String> body : List.of(Map.of("username", "u".repeat(101), "password", "whatever-it-is"),
				Map.of("username", "admin", "password", "p".repeat(201)), Map.of("username", "", "password", "x"),
				Map.of("username", "a\u0000b\u202e", "password", "p".repeat(80)))) {
			ResponseEntity<JsonNode> answer = login(body.get("username"), body.get("password"), "192.0.2.77");
			assertThat(answer.getStatusCode().value()).as(body.get("username")).isIn(400, 401);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		ResponseEntity<JsonNode> unknown = call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + "z".repeat(300),
				adminToken(), Map.of("enabled", false));
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void badAccountRequestsAre400ProblemsAndDuplicates409() {
		String username = "dup-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> account = Map.of("username", username, "password", "a-long-password-2", "roles",
				List.of("MODERATOR"));
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(), account);

		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(), account).getStatusCode().value())
			.isEqualTo(409);
		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", "x" + username, "password", "short", "roles", List.of("MODERATOR")))
			.getStatusCode()
			.value()).isEqualTo(400);
		ResponseEntity<JsonNode> badRole = call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", "y" + username, "password", "a-long-password-3", "roles", List.of("GOD")));
		assertThat(badRole.getStatusCode().value()).isEqualTo(400);
		assertThat(badRole.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private ResponseEntity<JsonNode> login(String username, String password, String address) {
		return http().post()
			.uri("/api/v1/cms/auth/token")
			.header("X-Client-Address", address)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", password))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void wronglyTypedAccountChangesAre400ProblemsAndChangeNothing() {
		String username = "typed-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "a-long-password-4", "roles", List.of("MODERATOR")));

		for (String change : List.of("{\"enabled\": \"false\"}", "{\"enabled\": 0}", "{\"password\": 123456789012345}",
				"{\"roles\": [\"MODERATOR\"], \"roles\": [\"ADMIN\"]}")) {
			ResponseEntity<JsonNode> answer = call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(),
					change);
			assertThat(answer.getStatusCode().value()).as(change + " → " + answer.getBody()).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}

		String token = token(username, "a-long-password-4");
		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", token, null).getStatusCode().value()).isEqualTo(200);
		assertThat(call(HttpMethod.GET, "/api/v1/cms/accounts", token, null).getStatusCode().value()).isEqualTo(403);
	}

	@Test
	void aQueryStringThatIsNotUtf8IsA400ProblemNotA500() {
		ResponseEntity<JsonNode> answer = http().get()
			.uri(java.net.URI.create("http://localhost:" + port + "/api/v1/cms/queue?status=PENDING%FF%FE"))
			.header("Authorization", "Bearer " + adminToken())
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(400);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("detail").asString()).contains("UTF-8");
	}

}
