package dev.truthordare.cms.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.ContentVocabulary;
import dev.truthordare.events.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The would-you-rather and never-have-I-ever catalogue staged in {@code seed-next/} for
 * issue 15 is seedable as soon as the types exist: every item within the limits the issue
 * sets, and every item translated into every language.
 */
class StagedSeedTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> WYR_CATEGORIES = List.of("funny", "deep", "gross", "hypothetical", "lifestyle");

	private static final List<String> NHIE_CATEGORIES = List.of("funny", "deep", "gross", "lifestyle");

	private static <T> T read(String path, TypeReference<T> type) throws IOException {
		ClassPathResource resource = new ClassPathResource("seed-next/" + path);
		assertThat(resource.exists()).as(path).isTrue();
		try (InputStream in = resource.getInputStream()) {
			return JSON.readValue(in, type);
		}
	}

	private static List<Map<String, Object>> items(String file) throws IOException {
		return read(file, new TypeReference<List<Map<String, Object>>>() {
		});
	}

	/** How the issue compares the two options: case, width and spacing do not count. */
	private static String normalised(String option) {
		return Normalizer.normalize(option, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[\\p{P}\\s]+", " ")
			.strip();
	}

	private static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	@Test
	void wouldYouRatherItemsHaveTwoDistinctOptionsAcrossCategoriesAndAgeRatings() throws IOException {
		List<Map<String, Object>> items = items("would_you_rather.json");

		assertThat(items).hasSizeGreaterThanOrEqualTo(40);
		Set<String> ids = new HashSet<>();
		for (Map<String, Object> item : items) {
			String id = (String) item.get("id");
			assertThat(id).matches("wyr-\\d{3}");
			assertThat(ids.add(id)).as("unique " + id).isTrue();
			assertThat(length((String) item.get("content"))).as(id).isBetween(10, 500);
			assertThat(length((String) item.get("option_a"))).as(id).isBetween(3, 200);
			assertThat(length((String) item.get("option_b"))).as(id).isBetween(3, 200);
			assertThat(normalised((String) item.get("option_a"))).as(id)
				.isNotEqualTo(normalised((String) item.get("option_b")));
			assertThat((String) item.get("category")).as(id).isIn(WYR_CATEGORIES);
			assertThat((String) item.get("age_rating")).as(id).isIn(ContentVocabulary.AGE_RATINGS);
		}
		assertThat(items).extracting(item -> item.get("category")).containsAll(WYR_CATEGORIES);
		assertThat(items).extracting(item -> item.get("age_rating")).containsAll(ContentVocabulary.AGE_RATINGS);
	}

	@Test
	void neverHaveIEverStatementsAreTenTo200CharactersAcrossCategoriesAndAgeRatings() throws IOException {
		List<Map<String, Object>> items = items("never_have_i_ever.json");

		assertThat(items).hasSizeGreaterThanOrEqualTo(40);
		Set<String> ids = new HashSet<>();
		for (Map<String, Object> item : items) {
			String id = (String) item.get("id");
			assertThat(id).matches("nhie-\\d{3}");
			assertThat(ids.add(id)).as("unique " + id).isTrue();
			assertThat(length((String) item.get("content"))).as(id).isBetween(10, 200);
			assertThat((String) item.get("category")).as(id).isIn(NHIE_CATEGORIES);
			assertThat((String) item.get("age_rating")).as(id).isIn(ContentVocabulary.AGE_RATINGS);
		}
		assertThat(items).extracting(item -> item.get("category")).containsAll(NHIE_CATEGORIES);
		assertThat(items).extracting(item -> item.get("age_rating")).containsAll(ContentVocabulary.AGE_RATINGS);
	}

	static Stream<String> translatedLanguages() {
		return Languages.SUPPORTED.stream()
			.map(Languages.Language::code)
			.filter(code -> !code.equals(Languages.SOURCE));
	}

	@ParameterizedTest
	@MethodSource("translatedLanguages")
	void everyStagedItemIsTranslatedWithinTheSameLimits(String lang) throws IOException {
		Map<String, Map<String, String>> translations = read("translations/" + lang + ".json",
				new TypeReference<Map<String, Map<String, String>>>() {
				});
		List<Map<String, Object>> sources = Stream
			.concat(items("would_you_rather.json").stream(), items("never_have_i_ever.json").stream())
			.toList();

		assertThat(translations.keySet())
			.containsExactlyInAnyOrderElementsOf(sources.stream().map(item -> (String) item.get("id")).toList());
		for (Map<String, Object> source : sources) {
			String id = (String) source.get("id");
			Map<String, String> translated = translations.get(id);
			boolean wyr = id.startsWith("wyr-");
			assertThat(translated.keySet()).as("%s %s", lang, id)
				.containsExactlyInAnyOrderElementsOf(
						wyr ? List.of("content", "option_a", "option_b") : List.of("content"));
			translated.forEach((field, text) -> assertThat(text).as("%s %s %s", lang, id, field)
				.isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC).strip()));
			assertThat(translated.get("content")).as("%s %s", lang, id).isNotEqualTo(source.get("content"));
			assertThat(length(translated.get("content"))).as("%s %s", lang, id).isBetween(10, wyr ? 500 : 200);
			if (wyr) {
				assertThat(length(translated.get("option_a"))).as("%s %s", lang, id).isBetween(3, 200);
				assertThat(length(translated.get("option_b"))).as("%s %s", lang, id).isBetween(3, 200);
				assertThat(normalised(translated.get("option_a"))).as("%s %s", lang, id)
					.isNotEqualTo(normalised(translated.get("option_b")));
			}
		}
	}

}
