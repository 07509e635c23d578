package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Categories and difficulties with their display names in the negotiated language and how
 * many approved items each holds within {@code max_age_rating} (default {@code 13+}, as
 * for the random endpoints).
 */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class FacetController {

	record CategoryList(ContentType type, List<CatalogueCounts.Facet> categories, String language,
			String maxAgeRating) {
	}

	record DifficultyList(ContentType type, List<CatalogueCounts.Facet> difficulties, String language,
			String maxAgeRating) {
	}

	/**
	 * The facets of one request: the negotiated language and the age limit they were
	 * counted within.
	 */
	private record Asked(String language, int maxAgeLevel) {
		String maxAgeRating() {
			return PlayFilters.AGE_RATINGS.get(maxAgeLevel);
		}
	}

	private final CatalogueCounts counts;

	private final ServableIndex index;

	FacetController(CatalogueCounts counts, ServableIndex index) {
		this.counts = counts;
		this.index = index;
	}

	@GetMapping("/truths/categories")
	ResponseEntity<CategoryList> truthCategories(@PathVariable String version,
			@RequestParam MultiValueMap<String, String> query,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		return categories(ContentType.TRUTH, version, query, acceptLanguage, request);
	}

	@GetMapping("/dares/categories")
	ResponseEntity<CategoryList> dareCategories(@PathVariable String version,
			@RequestParam MultiValueMap<String, String> query,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		return categories(ContentType.DARE, version, query, acceptLanguage, request);
	}

	@GetMapping("/dares/difficulties")
	ResponseEntity<DifficultyList> difficulties(@PathVariable String version,
			@RequestParam MultiValueMap<String, String> query,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		Asked asked = asked(ContentType.DARE, version, query, acceptLanguage);
		return respond("difficulties", ContentType.DARE, version, asked, request)
			.body(new DifficultyList(ContentType.DARE, counts.difficulties(asked.maxAgeLevel(), asked.language()),
					asked.language(), asked.maxAgeRating()));
	}

	private ResponseEntity<CategoryList> categories(ContentType type, String version,
			MultiValueMap<String, String> query, String acceptLanguage, HttpServletRequest request) {
		Asked asked = asked(type, version, query, acceptLanguage);
		return respond("categories", type, version, asked, request)
			.body(new CategoryList(type, counts.categories(type, asked.maxAgeLevel(), asked.language()),
					asked.language(), asked.maxAgeRating()));
	}

	/**
	 * Only {@code max_age_rating} (or its alias {@code rating}) narrows the counts; the
	 * other filters are the random endpoints' business.
	 */
	private static Asked asked(ContentType type, String version, MultiValueMap<String, String> query,
			String acceptLanguage) {
		MultiValueMap<String, String> ageOnly = new LinkedMultiValueMap<>();
		for (String name : List.of("max_age_rating", "rating")) {
			if (query.containsKey(name)) {
				ageOnly.put(name, query.get(name));
			}
		}
		return new Asked(Languages.negotiate(query.getFirst("lang"), acceptLanguage),
				PlayFilters.parse(type, version, ageOnly).maxAgeLevel());
	}

	private ResponseEntity.BodyBuilder respond(String facet, ContentType type, String version, Asked asked,
			HttpServletRequest request) {
		return PlayResponses.ok(version, request, asked.language())
			.cacheControl(PlayResponses.CATALOGUE_CACHE)
			.eTag(PlayResponses.etag(facet, version, type.wireName(), asked.language(), asked.maxAgeLevel(),
					index.fingerprint()));
	}

}
