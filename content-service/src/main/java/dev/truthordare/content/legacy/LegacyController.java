package dev.truthordare.content.legacy;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.ContentVocabulary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original Truth and Dare API's paths and shapes, for the clients written against it:
 * integer ids ({@code legacy_id}), {@code ?category=} / {@code ?difficulty=} or the
 * original path segment, approved items only and never above the default
 * {@code max_age_rating} of the new API ({@code 13+}). Texts are served in their original
 * language, as the original API did. Every answer is marked deprecated with a link to its
 * successor ({@link LegacyInterceptor}).
 */
@RestController
@Deprecated(since = "2026-01-01") // marks every operation deprecated in the OpenAPI
									// document
class LegacyController {

	static final String DEFAULT_MAX_AGE_RATING = "13+";

	private static final CacheControl LIST_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

	private final ServableIndex index;

	LegacyController(ServableIndex index) {
		this.index = index;
	}

	@GetMapping("/api/{version:v1|v2}/truth")
	ResponseEntity<Object> truth(@PathVariable String version, @RequestParam(required = false) String category) {
		return random(version, ContentType.TRUTH,
				parse("category", category, ContentVocabulary.TRUTH_CATEGORIES, HttpStatus.BAD_REQUEST));
	}

	/** The original's path form; an unknown category is a 404 there, as it was. */
	@GetMapping("/api/{version:v1|v2}/truth/{category}")
	ResponseEntity<Object> truthIn(@PathVariable String version, @PathVariable String category) {
		return random(version, ContentType.TRUTH,
				parse("category", category, ContentVocabulary.TRUTH_CATEGORIES, HttpStatus.NOT_FOUND));
	}

	@GetMapping("/api/{version:v1|v2}/dare")
	ResponseEntity<Object> dare(@PathVariable String version, @RequestParam(required = false) String difficulty) {
		return random(version, ContentType.DARE,
				parse("difficulty", difficulty, ContentVocabulary.DIFFICULTIES, HttpStatus.BAD_REQUEST));
	}

	@GetMapping("/api/{version:v1|v2}/dare/{difficulty}")
	ResponseEntity<Object> dareAt(@PathVariable String version, @PathVariable String difficulty) {
		return random(version, ContentType.DARE,
				parse("difficulty", difficulty, ContentVocabulary.DIFFICULTIES, HttpStatus.NOT_FOUND));
	}

	/** Categories that have a truth to give, sorted, as the original listed them. */
	@GetMapping("/api/v1/truth/categories/list")
	ResponseEntity<List<String>> categories() {
		List<String> available = new ArrayList<>(counts(ContentType.TRUTH).keySet());
		available.sort(null);
		return ResponseEntity.ok().cacheControl(LIST_CACHE).body(available);
	}

	/** Difficulties that have a dare to give, easiest first. */
	@GetMapping("/api/v1/dare/difficulties/list")
	ResponseEntity<List<String>> difficulties() {
		return ResponseEntity.ok().cacheControl(LIST_CACHE).body(List.copyOf(counts(ContentType.DARE).keySet()));
	}

	/** A truth or a dare, each with even odds. */
	@GetMapping("/api/v1/game/random")
	ResponseEntity<LegacyViews.Game> game() {
		ContentType first = ThreadLocalRandom.current().nextBoolean() ? ContentType.TRUTH : ContentType.DARE;
		ContentType other = first == ContentType.TRUTH ? ContentType.DARE : ContentType.TRUTH;
		ProjectedItem item = index.pickRandom(query(first, null))
			.or(() -> index.pickRandom(query(other, null)))
			.orElseThrow(() -> new LegacyProblem(HttpStatus.NOT_FOUND, "NoDataAvailableError",
					"No truths or dares are available.", Map.of()));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(LegacyViews.game(item));
	}

	/**
	 * The original health answer: item counts, and {@code degraded} / {@code unhealthy}
	 * when a type has none.
	 */
	@GetMapping("/api/v1/health")
	ResponseEntity<LegacyViews.Health> health() {
		Map<String, Integer> categories = counts(ContentType.TRUTH);
		Map<String, Integer> difficulties = counts(ContentType.DARE);
		int truths = categories.values().stream().mapToInt(Integer::intValue).sum();
		int dares = difficulties.values().stream().mapToInt(Integer::intValue).sum();
		String status = truths > 0 && dares > 0 ? "healthy" : truths > 0 || dares > 0 ? "degraded" : "unhealthy";
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new LegacyViews.Health(status, Instant.now().toString(),
					new LegacyViews.HealthData(truths, dares, categories.size(), difficulties.size()), categories,
					difficulties, null));
	}

	private ResponseEntity<Object> random(String version, ContentType type, Set<String> values) {
		ProjectedItem item = index.pickRandom(query(type, values))
			.orElseThrow(() -> new LegacyProblem(HttpStatus.NOT_FOUND, "NoDataAvailableError", "No " + type.wireName()
					+ "s are available" + (values == null ? "." : " for " + String.join(", ", values) + "."),
					Map.of()));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_LANGUAGE,
					item.snapshot().language() == null ? "en" : item.snapshot().language())
			.body(LegacyViews.item("v2".equals(version), item));
	}

	/**
	 * Approved items within the default age limit that have their integer id (all do once
	 * CMS numbered them).
	 */
	private static ServableIndex.Query query(ContentType type, Set<String> values) {
		int maxAge = ServableIndex.ageLevel(DEFAULT_MAX_AGE_RATING);
		ServableIndex.Query query = ServableIndex.Query.of(type).upToAgeLevel(maxAge).and(LegacyController::numbered);
		return type == ContentType.TRUTH ? query.inCategories(values) : query.ofDifficulties(values);
	}

	private static boolean numbered(ProjectedItem item) {
		return item.snapshot().legacyId() != null;
	}

	private Map<String, Integer> counts(ContentType type) {
		List<String> values = type == ContentType.TRUTH ? ContentVocabulary.TRUTH_CATEGORIES
				: ContentVocabulary.DIFFICULTIES;
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String value : values) {
			// a scan rather than index.count(): only items with their integer id count
			// here
			int count = index.matching(query(type, Set.of(value))).size();
			if (count > 0) {
				counts.put(value, count);
			}
		}
		return counts;
	}

	/**
	 * Case-insensitive, as the original; several values (repeated or comma-separated)
	 * widen the pool.
	 */
	private static Set<String> parse(String parameter, String raw, List<String> allowed, HttpStatus unknown) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		Set<String> values = new LinkedHashSet<>();
		for (String part : raw.split(",")) {
			String value = part.strip().toLowerCase(Locale.ROOT);
			if (!allowed.contains(value)) {
				throw LegacyProblem.unknownValue(unknown, parameter, part.strip(), allowed);
			}
			values.add(value);
		}
		return values;
	}

}
