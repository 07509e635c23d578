package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Every CMS endpoint × every kind of caller: 2xx for the right role, 401 without a token,
 * 403 for the wrong role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleTableTest extends CmsTestSupport {

	enum Caller {

		ANONYMOUS, TRANSLATOR, MODERATOR, ADMIN

	}

	record Endpoint(String name, HttpMethod method, String path, Object body, List<Caller> allowed) {
		@Override
		public String toString() {
			return name;
		}
	}

	private final Map<Caller, String> tokens = new java.util.EnumMap<>(Caller.class);

	@BeforeAll
	void accounts() {
		tokens.put(Caller.TRANSLATOR, tokenWithRoles("TRANSLATOR"));
		tokens.put(Caller.MODERATOR, tokenWithRoles("MODERATOR"));
		tokens.put(Caller.ADMIN, tokenWithRoles("ADMIN"));
	}

	static List<Object[]> table() {
		List<Caller> staff = List.of(Caller.MODERATOR, Caller.ADMIN);
		List<Caller> admin = List.of(Caller.ADMIN);
		List<Endpoint> endpoints = List.of(
				new Endpoint("create", HttpMethod.POST, "/api/v1/cms/content", "NEW_TRUTH", staff),
				new Endpoint("read", HttpMethod.GET, "/api/v1/cms/content/truth-002", null, staff),
				new Endpoint("edit", HttpMethod.PUT, "/api/v1/cms/content/{pending}", Map.of("tags", List.of("edited")),
						staff),
				new Endpoint("approve", HttpMethod.POST, "/api/v1/cms/content/{pending}/approve", Map.of(), staff),
				new Endpoint("reject", HttpMethod.POST, "/api/v1/cms/content/{pending}/reject",
						Map.of("reason_code", "LOW_QUALITY"), staff),
				new Endpoint("history", HttpMethod.GET, "/api/v1/cms/content/truth-002/history", null, staff),
				new Endpoint("queue", HttpMethod.GET, "/api/v1/cms/queue?status=PENDING", null, staff),
				new Endpoint("search", HttpMethod.GET, "/api/v1/cms/content?q=secret", null, staff),
				new Endpoint("accounts list", HttpMethod.GET, "/api/v1/cms/accounts", null, admin),
				new Endpoint("account create", HttpMethod.POST, "/api/v1/cms/accounts", "NEW_ACCOUNT", admin),
				new Endpoint("import", HttpMethod.POST, "/api/v1/cms/import", "IMPORT", admin),
				new Endpoint("flags list", HttpMethod.GET, "/api/v1/cms/flags", null, admin),
				new Endpoint("flag change", HttpMethod.PUT, "/api/v1/cms/flags/role_table",
						Map.of("description", "role table", "reason", "role table"), admin),
				new Endpoint("flag history", HttpMethod.GET, "/api/v1/cms/flags/api.v1/history", null, admin));
		List<Object[]> rows = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			for (Caller caller : Caller.values()) {
				rows.add(new Object[] { endpoint, caller });
			}
		}
		return rows;
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("table")
	void eachRoleGetsTheExpectedAnswer(Endpoint endpoint, Caller caller) {
		String path = endpoint.path().replace("{pending}", createTruth(adminToken()));
		Object body = switch (String.valueOf(endpoint.body())) {
			case "NEW_TRUTH" -> Map.of("type", "truth", "content", "Role table " + java.util.UUID.randomUUID() + "?",
					"category", "funny");
			case "NEW_ACCOUNT" -> Map.of("username", "acct-" + System.nanoTime(), "password", "long-enough-password",
					"roles", List.of("TRANSLATOR"));
			case "IMPORT" -> Map.of("truths", List.of(Map.of("id", "role-" + System.nanoTime(), "content",
					"Imported question " + java.util.UUID.randomUUID() + "?", "category", "general")));
			default -> endpoint.body();
		};

		ResponseEntity<JsonNode> answer = call(endpoint.method(), path, tokens.get(caller), body);

		int status = answer.getStatusCode().value();
		if (caller == Caller.ANONYMOUS) {
			assertThat(status).isEqualTo(401);
			assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
		}
		else if (endpoint.allowed().contains(caller)) {
			assertThat(status).as(String.valueOf(answer.getBody())).isBetween(200, 299);
		}
		else {
			assertThat(status).isEqualTo(403);
		}
		if (status >= 400) {
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

}
