package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.revocation.AccountStateFeed;
import dev.truthordare.events.revocation.AccountStates;
import dev.truthordare.events.revocation.AccountStates.Verdict;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CMS's half of revocation: a change of roles, password or status ends the tokens issued
 * before it, here at once and, through {@code cms.accounts.v1}, in every reader of the
 * topic within seconds.
 */
class RevocationTest extends CmsTestSupport {

	@Test
	void aRoleChangeEndsOlderTokensAtOnceAndANewTokenCarriesTheNewVersion() {
		String username = "mod-" + UUID.randomUUID().toString().substring(0, 8);
		create(username, "MODERATOR");
		String before = token(username, "a-long-password-rev");
		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", before, null).getStatusCode().value()).isEqualTo(200);

		call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(),
				Map.of("roles", List.of("MODERATOR", "TRANSLATOR")));

		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", before, null).getStatusCode().value()).isEqualTo(401);
		String after = token(username, "a-long-password-rev");
		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", after, null).getStatusCode().value()).isEqualTo(200);
		assertThat(claims(before).get("ver").asLong()).isEqualTo(1);
		assertThat(claims(after).get("ver").asLong()).isEqualTo(2);
		assertThat(claims(after).get("exp").asLong() - claims(after).get("iat").asLong()).isEqualTo(300);
	}

	@Test
	void aSameValuedChangeRevokesNothing() {
		String username = "same-" + UUID.randomUUID().toString().substring(0, 8);
		create(username, "MODERATOR");
		String token = token(username, "a-long-password-rev");

		call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(),
				Map.of("enabled", true, "roles", List.of("MODERATOR")));

		assertThat(call(HttpMethod.GET, "/api/v1/cms/queue", token, null).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void aReaderOfTheAccountTopicLearnsOfADisabledAccountWithinSeconds() throws Exception {
		String username = "tr-" + UUID.randomUUID().toString().substring(0, 8);
		create(username, "TRANSLATOR");
		String token = token(username, "a-long-password-rev");
		AccountStates states = new AccountStates();
		try (AccountStateFeed feed = new AccountStateFeed(states, broker.getBrokersAsString(), "revocation-test",
				Map.of())) {
			feed.start();
			assertThat(feed.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> states.check(username, 1L, List.of("TRANSLATOR")) == Verdict.VALID);
			assertThat(claims(token).get("ver").asLong()).isEqualTo(1);

			call(HttpMethod.PATCH, "/api/v1/cms/accounts/" + username, adminToken(), Map.of("enabled", false));

			await().atMost(Duration.ofSeconds(5))
				.until(() -> states.check(username, 1L, List.of("TRANSLATOR")) == Verdict.REVOKED);
		}
	}

	private void create(String username, String role) {
		assertThat(call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", "a-long-password-rev", "roles", List.of(role)))
			.getStatusCode()
			.value()).isEqualTo(201);
	}

	private static JsonNode claims(String token) {
		return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

}
