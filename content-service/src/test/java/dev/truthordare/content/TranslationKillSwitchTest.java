package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.flags.DefaultFlags;
import dev.truthordare.flags.FlagStateProvider;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The {@code translations} flag: off, every answer is in English with
 * {@code translation_fallback: true} and translation-service is not asked; on again,
 * translations are back. The state is applied to the service's provider directly (the
 * reader from flags.v1 is tested in the flags module).
 */
class TranslationKillSwitchTest extends ContentServiceTestBase {

	@Autowired
	FlagStateProvider flags;

	private static long version = 1000;

	@Test
	void withTranslationsOffEveryAnswerIsEnglishAndTranslationServiceIsNotCalled() {
		set(false);
		try {
			int before = TRANSLATIONS.requests.get();

			ResponseEntity<JsonNode> v1 = get("/api/v1/truths/t-deep-03?lang=hi", "X-Client-Id", "kill-1");
			ResponseEntity<JsonNode> v2 = get("/api/v2/truths/t-deep-03", "Accept-Language", "tl");
			ResponseEntity<JsonNode> stats = get("/api/v2/stats");

			for (ResponseEntity<JsonNode> answer : List.of(v1, v2)) {
				assertThat(answer.getStatusCode().value()).isEqualTo(200);
				assertThat(answer.getBody().get("translation_fallback").asBoolean()).isTrue();
				assertThat(answer.getBody().get("content").asString()).startsWith("Question number");
				assertThat(answer.getHeaders().getFirst("Content-Language")).isEqualTo("en");
			}
			assertThat(stats.getStatusCode().value()).isEqualTo(200);
			assertThat(TRANSLATIONS.requests.get()).isEqualTo(before);
		}
		finally {
			set(true);
		}
		ResponseEntity<JsonNode> translated = get("/api/v1/truths/t-deep-03?lang=hi");
		assertThat(translated.getBody().get("translation_fallback").asBoolean()).isFalse();
		assertThat(translated.getHeaders().getFirst("Content-Language")).isEqualTo("hi");
	}

	private void set(boolean enabled) {
		flags.apply(new FlagState(DefaultFlags.TRANSLATIONS, enabled, 100, List.of(), List.of(), "test", ++version,
				"admin", Instant.now()));
	}

}
