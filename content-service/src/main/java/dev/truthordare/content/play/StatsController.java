package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.events.ContentType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Counts of approved items by type, category, difficulty and age rating; language coverage when known. */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class StatsController {

    /**
     * Maps are keyed by type ({@code truth}, {@code dare}), then by category or age rating. {@code languages} comes
     * from translation-service (cached 30 s, behind the breaker) and is left out while it cannot be asked.
     */
    record Stats(int truths, int dares, long total, Map<String, Integer> byType,
            Map<String, Map<String, Integer>> byCategory, Map<String, Integer> byDifficulty,
            Map<String, Map<String, Integer>> byAgeRating, List<Map<String, Object>> languages) {
    }

    private final ServableIndex index;
    private final TranslationClient translations;

    StatsController(ServableIndex index, TranslationClient translations) {
        this.index = index;
        this.translations = translations;
    }

    @GetMapping("/stats")
    ResponseEntity<Stats> stats(@PathVariable String version, HttpServletRequest request) {
        Stats stats = count(translations.languageCoverage().orElse(null));
        return PlayResponses.ok(version, request, null)
                .cacheControl(PlayResponses.CATALOGUE_CACHE)
                .eTag(PlayResponses.etag("stats", version, index.revision(), stats.languages()))
                .body(stats);
    }

    private Stats count(List<Map<String, Object>> languages) {
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
            byDifficulty.put(difficulty, index.count(ServableIndex.Query.of(ContentType.DARE).ofDifficulty(difficulty)));
        }
        return new Stats(byType.get(ContentType.TRUTH.wireName()), byType.get(ContentType.DARE.wireName()), total,
                byType, byCategory, byDifficulty, byAge, languages);
    }
}
