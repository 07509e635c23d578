package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.content.translation.TranslationSwitch;
import dev.truthordare.events.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * How many approved items each category, difficulty, type and age rating holds, straight
 * from the index.
 */
@Component
class CatalogueCounts {

	/**
	 * A category or difficulty: its id in filters, its name for people, and how many
	 * items it holds.
	 */
	record Facet(String id, String name, int count) {
	}

	/**
	 * Maps are keyed by type ({@code truth}, {@code dare}), then by category or age
	 * rating. {@code languages} comes from translation-service (cached 30 s, behind the
	 * breaker) and is left out while it cannot be asked.
	 */
	record Stats(int truths, int dares, long total, Map<String, Integer> byType,
			Map<String, Map<String, Integer>> byCategory, Map<String, Integer> byDifficulty,
			Map<String, Map<String, Integer>> byAgeRating, List<Map<String, Object>> languages) {
	}

	private final ServableIndex index;

	private final TranslationClient translations;

	private final TranslationSwitch translationSwitch;

	CatalogueCounts(ServableIndex index, TranslationClient translations, TranslationSwitch translationSwitch) {
		this.index = index;
		this.translations = translations;
		this.translationSwitch = translationSwitch;
	}

	List<Facet> categories(ContentType type, int maxAgeLevel, String language) {
		return facets(type, PlayFilters.categoriesOf(type), ServableIndex.Query::inCategory, maxAgeLevel, language);
	}

	List<Facet> difficulties(int maxAgeLevel, String language) {
		return facets(ContentType.DARE, PlayFilters.DIFFICULTIES, ServableIndex.Query::ofDifficulty, maxAgeLevel,
				language);
	}

	private List<Facet> facets(ContentType type, List<String> values,
			BiFunction<ServableIndex.Query, String, ServableIndex.Query> narrow, int maxAgeLevel, String language) {
		ServableIndex.Query base = ServableIndex.Query.of(type).upToAgeLevel(maxAgeLevel);
		return values.stream()
			.map(value -> new Facet(value, DisplayNames.of(value, language), index.count(narrow.apply(base, value))))
			.toList();
	}

	Stats stats() {
		long total = 0;
		Map<String, Integer> byType = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> byCategory = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> byAge = new LinkedHashMap<>();
		for (ContentType type : ContentType.values()) {
			ServableIndex.Query everything = ServableIndex.Query.of(type);
			int count = index.count(everything);
			byType.put(type.wireName(), count);
			total += count;
			Map<String, Integer> categories = new LinkedHashMap<>();
			for (String category : PlayFilters.categoriesOf(type)) {
				categories.put(category, index.count(everything.inCategory(category)));
			}
			byCategory.put(type.wireName(), categories);
			Map<String, Integer> ages = new LinkedHashMap<>();
			int below = 0;
			for (int level = 0; level < PlayFilters.AGE_RATINGS.size(); level++) {
				int upTo = index.count(everything.upToAgeLevel(level));
				ages.put(PlayFilters.AGE_RATINGS.get(level), upTo - below);
				below = upTo;
			}
			byAge.put(type.wireName(), ages);
		}
		Map<String, Integer> byDifficulty = new LinkedHashMap<>();
		for (String difficulty : PlayFilters.DIFFICULTIES) {
			byDifficulty.put(difficulty,
					index.count(ServableIndex.Query.of(ContentType.DARE).ofDifficulty(difficulty)));
		}
		return new Stats(byType.get(ContentType.TRUTH.wireName()), byType.get(ContentType.DARE.wireName()), total,
				byType, byCategory, byDifficulty, byAge,
				// the kill switch: no call to translation-service, no coverage to tell
				translationSwitch.on() ? translations.languageCoverage().orElse(null) : null);
	}

}
