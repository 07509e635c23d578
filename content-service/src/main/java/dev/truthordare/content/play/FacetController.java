package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.BiFunction;
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
 * Categories and difficulties with their display names in the negotiated language and how many approved items each
 * holds within {@code max_age_rating} (default {@code 13+}, as for the random endpoints).
 */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class FacetController {

    /** A category or difficulty: its id in filters, its name for people, and how many items it holds. */
    record Facet(String id, String name, int count) {
    }

    record CategoryList(ContentType type, List<Facet> categories, String language, String maxAgeRating) {
    }

    record DifficultyList(ContentType type, List<Facet> difficulties, String language, String maxAgeRating) {
    }

    /** The facets of one request: the negotiated language and the age limit they were counted within. */
    private record Counted(List<Facet> facets, String language, int maxAgeLevel) {
        String maxAgeRating() {
            return PlayFilters.AGE_RATINGS.get(maxAgeLevel);
        }
    }

    private final ServableIndex index;

    FacetController(ServableIndex index) {
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
        Counted counted = count(ContentType.DARE, version, PlayFilters.DIFFICULTIES, ServableIndex.Query::ofDifficulty,
                query, acceptLanguage);
        return respond("difficulties", ContentType.DARE, version, counted, request)
                .body(new DifficultyList(ContentType.DARE, counted.facets(), counted.language(), counted.maxAgeRating()));
    }

    private ResponseEntity<CategoryList> categories(ContentType type, String version,
            MultiValueMap<String, String> query, String acceptLanguage, HttpServletRequest request) {
        Counted counted = count(type, version, PlayFilters.categoriesOf(type), ServableIndex.Query::inCategory, query,
                acceptLanguage);
        return respond("categories", type, version, counted, request)
                .body(new CategoryList(type, counted.facets(), counted.language(), counted.maxAgeRating()));
    }

    private Counted count(ContentType type, String version, List<String> values,
            BiFunction<ServableIndex.Query, String, ServableIndex.Query> narrow,
            MultiValueMap<String, String> query, String acceptLanguage) {
        MultiValueMap<String, String> ageOnly = new LinkedMultiValueMap<>();
        if (query.containsKey("max_age_rating")) {
            ageOnly.put("max_age_rating", query.get("max_age_rating"));
        }
        int maxAgeLevel = PlayFilters.parse(type, version, ageOnly).maxAgeLevel();
        ServableIndex.Query base = ServableIndex.Query.of(type).upToAgeLevel(maxAgeLevel);
        String language = Languages.negotiate(query.getFirst("lang"), acceptLanguage);
        List<Facet> facets = values.stream()
                .map(value -> new Facet(value, DisplayNames.of(value, language), index.count(narrow.apply(base, value))))
                .toList();
        return new Counted(facets, language, maxAgeLevel);
    }

    private ResponseEntity.BodyBuilder respond(String facet, ContentType type, String version, Counted counted,
            HttpServletRequest request) {
        return PlayResponses.ok(version, request, counted.language())
                .cacheControl(PlayResponses.CATALOGUE_CACHE)
                .eTag(PlayResponses.etag(facet, version, type.wireName(), counted.language(), counted.maxAgeLevel(),
                        index.revision()));
    }
}
