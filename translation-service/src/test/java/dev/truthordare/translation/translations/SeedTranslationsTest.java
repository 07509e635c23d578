package dev.truthordare.translation.translations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh install serves the whole seed catalogue in every language: each language's seed
 * file translates exactly the items cms-service seeds, no more, no fewer. The catalogue
 * is read from cms-service's sources, the one place it is kept.
 */
class SeedTranslationsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path CATALOGUE = Path.of("..", "cms-service", "src", "main", "resources", "seed");

	static Stream<String> translatedLanguages() {
		return TranslationWorkflow.TARGET_LANGUAGES.stream();
	}

	private static Map<String, String> sourceTexts() throws IOException {
		Map<String, String> texts = new HashMap<>();
		for (String file : List.of("truths.json", "dares.json")) {
			for (Map<String, Object> item : JSON.readValue(Files.readString(CATALOGUE.resolve(file)),
					new TypeReference<List<Map<String, Object>>>() {
					})) {
				texts.put((String) item.get("id"), (String) item.get("content"));
			}
		}
		return texts;
	}

	@ParameterizedTest
	@MethodSource("translatedLanguages")
	void everySeedItemIsTranslatedAndNothingElse(String lang) throws IOException {
		Map<String, String> source = sourceTexts();
		ClassPathResource file = new ClassPathResource("seed/translations/" + lang + ".json");
		assertThat(file.exists()).as("seed/translations/%s.json", lang).isTrue();
		Map<String, String> translated;
		try (InputStream in = file.getInputStream()) {
			translated = JSON.readValue(in, new TypeReference<Map<String, String>>() {
			});
		}

		assertThat(source).hasSizeGreaterThanOrEqualTo(110);
		assertThat(translated.keySet()).as(lang).containsExactlyInAnyOrderElementsOf(source.keySet());
		translated.forEach((id, text) -> {
			assertThat(text).as("%s %s", lang, id).isNotBlank().isNotEqualTo(source.get(id)).doesNotContain("\uFFFD");
			// what the translation workflow asks of a text, which seeds skip: NFC (so the
			// same word typed twice compares equal), trimmed, and within the length
			// limits
			assertThat(text).as("%s %s", lang, id).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC).strip());
			assertThat(text.codePointCount(0, text.length())).as("%s %s", lang, id)
				.isBetween(TranslationWorkflow.MIN_LENGTH, TranslationWorkflow.MAX_LENGTH);
		});
	}

}
