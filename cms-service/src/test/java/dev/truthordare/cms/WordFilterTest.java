package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The banned-word list ("darn", "heck" in these tests) holds in every script players and
 * moderators type in, for moderators' content and players' submissions alike; ordinary
 * words that contain a banned one still pass.
 */
class WordFilterTest extends CmsTestSupport {

	private ResponseEntity<JsonNode> create(String text) {
		return call(HttpMethod.POST, "/api/v1/cms/content", adminToken(),
				Map.of("type", "dare", "content", text, "category", "silly", "difficulty", "easy"));
	}

	private ResponseEntity<JsonNode> submit(String text) {
		return http().post()
			.uri("/api/v1/submissions")
			.header("X-Client-Id", "phone-" + UUID.randomUUID().toString().substring(0, 8))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("type", "truth", "content", text, "category", "funny"))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private static String unique(String text) {
		return text + " #" + UUID.randomUUID().toString().substring(0, 8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Shout \u04bb\u0435\u0441k out of the window", // Cyrillic
																			// look-alikes
			"Shout he\u0301ck out of the window", // a combining acute accent
			"Shout h\u00ebck out of the window", // an umlaut
			"Shout H E C K out of the window", "Shout h.e.c.k out of the window", "Shout hecking loud now",
			"You darned well shout it", "Shout three hecks in a row", "Shout \uff48\uff45\uff43\uff4b loudly" })
	void disguisedBannedWordsAreRefusedForModeratorsAndPlayers(String text) {
		for (ResponseEntity<JsonNode> answer : List.of(create(unique(text)), submit(unique(text)))) {
			assertThat(answer.getStatusCode().value()).as(text).isEqualTo(422);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(answer.getBody().get("rule").asString()).isEqualTo("banned_words");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "Shout \u202ekceh\u202c out of the window", "Read \u2067this\u2069 backwards aloud",
			"Say it \u200f twice, then laugh" })
	void bidiControlsAreRefusedNamingTheRule(String text) {
		for (ResponseEntity<JsonNode> answer : List.of(create(unique(text)), submit(unique(text)))) {
			assertThat(answer.getStatusCode().value()).as(text).isEqualTo(422);
			assertThat(answer.getBody().get("rule").asString()).isEqualTo("bidi_controls");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "Play checkers with your left hand", "Name three towns like Scunthorpe",
			"Describe the Heckscher effect badly", "Sing a classic song about a dam",
			"Say \u00bfQu\u00e9 tal? in Spanish" })
	void ordinaryWordsContainingABannedOnePass(String text) {
		assertThat(create(unique(text)).getStatusCode().value()).as(text).isEqualTo(201);
		assertThat(submit(unique(text)).getStatusCode().value()).as(text).isEqualTo(201);
	}

}
