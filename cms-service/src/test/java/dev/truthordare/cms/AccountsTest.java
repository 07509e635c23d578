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
	void repeatedFailedLoginsLockTheUsernameFor429() {
		String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
		call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "the-right-password", "roles", List.of("TRANSLATOR")));
		for (int i = 0; i < 5; i++) {
			assertThat(login(username, "guess-" + i).getStatusCode().value()).isEqualTo(401);
		}

		ResponseEntity<JsonNode> locked = login(username, "the-right-password");

		assertThat(locked.getStatusCode().value()).isEqualTo(429);
		assertThat(locked.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(locked.getBody().has("access_token")).isFalse();
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

	private ResponseEntity<JsonNode> login(String username, String password) {
		return http().post()
			.uri("/api/v1/cms/auth/token")
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
