package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import dev.truthordare.web.problem.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/{version:v1|v2}")
class PlayController {

    /** Sunset of the original v1 shape, announced in every v1 answer (RFC 8594). */
    static final String V1_SUNSET = "Thu, 31 Dec 2026 23:59:59 GMT";
    static final String V1_DEPRECATED_SINCE = "@1767225600"; // RFC 9745 structured date: 2026-01-01
    static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final CacheControl ITEM_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    private static final CacheControl CATALOGUE_CACHE = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

    static class NoMatch extends ApiProblem {
        NoMatch(ContentType type, Map<String, Object> filters, List<String> emptiedBy) {
            super(HttpStatus.NOT_FOUND, "No approved " + type.wireName() + " matches " + describe(filters, emptiedBy)
                    + "; remove or widen " + (emptiedBy.size() == 1 ? "that filter." : "one of these filters."),
                    Map.of("filters", filters, "emptied_by", emptiedBy));
        }

        private static String describe(Map<String, Object> filters, List<String> emptiedBy) {
            List<String> parts = new ArrayList<>();
            emptiedBy.forEach(name -> parts.add(name + "=" + filters.get(name)));
            return String.join(" together with ", parts);
        }
    }

    static class UnknownItem extends ApiProblem {
        UnknownItem(ContentType type, String id) {
            super(HttpStatus.NOT_FOUND, "No " + type.wireName() + " with id '" + id + "' is available.", Map.of());
        }
    }

    private final ServableIndex index;
    private final ItemRenderer renderer;
    private final TranslationClient translations;

    PlayController(ServableIndex index, ItemRenderer renderer, TranslationClient translations) {
        this.index = index;
        this.renderer = renderer;
        this.translations = translations;
    }

    @GetMapping("/{kind:truths|dares}/random")
    ResponseEntity<Object> random(@PathVariable String version, @PathVariable String kind,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        ContentType type = typeOf(kind);
        PlayFilters filters = PlayFilters.parse(type, version, query);
        ProjectedItem item = index.pickRandom(filters.query())
                .orElseThrow(() -> new NoMatch(type, filters.applied(), filters.emptiedBy(index)));
        ItemRenderer.Rendered rendered = renderer.render(version, item, query.getFirst("lang"), acceptLanguage);
        return headers(ResponseEntity.ok(), version, request, rendered.language())
                .cacheControl(CacheControl.noStore())
                .body(rendered.body());
    }

    @GetMapping("/{kind:truths|dares}/{id:(?!random$)[A-Za-z0-9_-]{1,64}}")
    ResponseEntity<Object> byId(@PathVariable String version, @PathVariable String kind, @PathVariable String id,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        ContentType type = typeOf(kind);
        ProjectedItem item = index.find(type, id).orElseThrow(() -> new UnknownItem(type, id));
        ItemRenderer.Rendered rendered = renderer.render(version, item, lang, acceptLanguage);
        // with an ETag set, Spring answers a matching If-None-Match with 304 and no body
        return headers(ResponseEntity.ok(), version, request, rendered.language())
                .cacheControl(ITEM_CACHE)
                .eTag(rendered.etag())
                .body(rendered.body());
    }

    /** {@code GET /truths?category=&page=&size=}: approved items in id order, one page at a time (pages from 1). */
    @GetMapping("/{kind:truths|dares}")
    ResponseEntity<Object> list(@PathVariable String version, @PathVariable String kind,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        ContentType type = typeOf(kind);
        int page = pageParameter(query, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, 1);
        int size = pageParameter(query, "size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
        PlayFilters filters = PlayFilters.parse(type, version, query);
        ServableIndex.Page found = index.page(filters.query(), (page - 1) * size, size);
        String lang = query.getFirst("lang");
        List<Object> items = new ArrayList<>(found.items().size());
        List<String> etags = new ArrayList<>();
        String language = Languages.negotiate(lang, acceptLanguage);
        for (ProjectedItem item : found.items()) {
            ItemRenderer.Rendered rendered = renderer.render(version, item, lang, acceptLanguage);
            items.add(rendered.body());
            etags.add(rendered.etag());
        }
        int totalPages = Math.max(1, (found.total() + size - 1) / size);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", pageLink(request, query, page, size));
        links.put("first", pageLink(request, query, 1, size));
        if (page > 1) {
            links.put("prev", pageLink(request, query, Math.min(page - 1, totalPages), size));
        }
        if (page < totalPages) {
            links.put("next", pageLink(request, query, page + 1, size));
        }
        links.put("last", pageLink(request, query, totalPages, size));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("page", page);
        body.put("size", size);
        body.put("total", found.total());
        body.put("total_pages", totalPages);
        body.put("filters", filters.applied());
        body.put("links", links);
        ResponseEntity.BodyBuilder response = headers(ResponseEntity.ok(), version, request, language);
        links.forEach((rel, href) -> {
            if (!rel.equals("self")) {
                response.header(HttpHeaders.LINK, "<" + href + ">; rel=\"" + rel + "\"");
            }
        });
        return response.cacheControl(CATALOGUE_CACHE)
                .eTag(etag("list", version, request.getQueryString(), index.revision(), etags))
                .body(body);
    }

    @GetMapping("/truths/categories")
    ResponseEntity<Object> truthCategories(@PathVariable String version,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        return facet(version, ContentType.TRUTH, "categories", PlayFilters.TRUTH_CATEGORIES, query, acceptLanguage,
                request);
    }

    @GetMapping("/dares/categories")
    ResponseEntity<Object> dareCategories(@PathVariable String version,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        return facet(version, ContentType.DARE, "categories", PlayFilters.DARE_CATEGORIES, query, acceptLanguage,
                request);
    }

    @GetMapping("/dares/difficulties")
    ResponseEntity<Object> difficulties(@PathVariable String version,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            HttpServletRequest request) {
        return facet(version, ContentType.DARE, "difficulties", PlayFilters.DIFFICULTIES, query, acceptLanguage,
                request);
    }

    /**
     * Categories or difficulties with their display names in the negotiated language and how many approved items each
     * holds within {@code max_age_rating} (default {@code 13+}, as for the random endpoints).
     */
    private ResponseEntity<Object> facet(String version, ContentType type, String facet, List<String> values,
            MultiValueMap<String, String> query, String acceptLanguage, HttpServletRequest request) {
        MultiValueMap<String, String> ageOnly = new LinkedMultiValueMap<>();
        if (query.containsKey("max_age_rating")) {
            ageOnly.put("max_age_rating", query.get("max_age_rating"));
        }
        ServableIndex.Query base = PlayFilters.parse(type, version, ageOnly).query();
        String language = Languages.negotiate(query.getFirst("lang"), acceptLanguage);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String value : values) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", value);
            entry.put("name", DisplayNames.of(value, language));
            entry.put("count", index.count(facet.equals("categories")
                    ? new ServableIndex.Query(type, java.util.Set.of(value), null, base.maxAgeLevel(), null)
                    : new ServableIndex.Query(type, null, java.util.Set.of(value), base.maxAgeLevel(), null)));
            entries.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put(facet, entries);
        body.put("language", language);
        body.put("max_age_rating", PlayFilters.AGE_RATINGS.get(base.maxAgeLevel()));
        return headers(ResponseEntity.ok(), version, request, language)
                .cacheControl(CATALOGUE_CACHE)
                .eTag(etag(facet, version, type, language, base.maxAgeLevel(), index.revision()))
                .body(body);
    }

    /** Counts of approved items by type, category, difficulty and age rating; language coverage when known. */
    @GetMapping("/stats")
    ResponseEntity<Object> stats(@PathVariable String version, HttpServletRequest request) {
        int all = PlayFilters.AGE_RATINGS.size() - 1;
        Map<String, Object> body = new LinkedHashMap<>();
        long total = 0;
        Map<String, Object> byType = new LinkedHashMap<>();
        Map<String, Object> byCategory = new LinkedHashMap<>();
        Map<String, Object> byAge = new LinkedHashMap<>();
        for (ContentType type : ContentType.values()) {
            int count = index.count(ServableIndex.Query.of(type));
            byType.put(type.wireName(), count);
            total += count;
            Map<String, Integer> categories = new LinkedHashMap<>();
            for (String category : PlayFilters.categoriesOf(type)) {
                categories.put(category, index.count(new ServableIndex.Query(type, java.util.Set.of(category), null, all,
                        null)));
            }
            byCategory.put(type.wireName(), categories);
            Map<String, Integer> ages = new LinkedHashMap<>();
            int below = 0;
            for (int level = 0; level <= all; level++) {
                int upTo = index.count(new ServableIndex.Query(type, null, null, level, null));
                ages.put(PlayFilters.AGE_RATINGS.get(level), upTo - below);
                below = upTo;
            }
            byAge.put(type.wireName(), ages);
        }
        Map<String, Integer> byDifficulty = new LinkedHashMap<>();
        for (String difficulty : PlayFilters.DIFFICULTIES) {
            byDifficulty.put(difficulty, index.count(new ServableIndex.Query(ContentType.DARE, null,
                    java.util.Set.of(difficulty), all, null)));
        }
        body.put("truths", byType.get("truth"));
        body.put("dares", byType.get("dare"));
        body.put("total", total);
        body.put("by_type", byType);
        body.put("by_category", byCategory);
        body.put("by_difficulty", byDifficulty);
        body.put("by_age_rating", byAge);
        // from translation-service (cached 30 s, behind the breaker); left out while it cannot be asked
        translations.languageCoverage().ifPresent(languages -> body.put("languages", languages));
        return headers(ResponseEntity.ok(), version, request, null)
                .cacheControl(CATALOGUE_CACHE)
                .eTag(etag("stats", version, index.revision(), body.get("languages")))
                .body(body);
    }

    /** Content-Language, Vary and, for v1, the deprecation headers with a link to the same path under v2. */
    private static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response, String version,
            HttpServletRequest request, String language) {
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
        if ("v1".equals(version)) {
            String successor = request.getRequestURI().replaceFirst("^/api/v1/", "/api/v2/");
            response.header("Deprecation", V1_DEPRECATED_SINCE)
                    .header("Sunset", V1_SUNSET)
                    .header(HttpHeaders.LINK, "<" + successor + ">; rel=\"successor-version\"");
        }
        return response;
    }

    private static String pageLink(HttpServletRequest request, MultiValueMap<String, String> query, int page,
            int size) {
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .queryParams(query)
                .replaceQueryParam("page", page)
                .replaceQueryParam("size", size)
                .encode()
                .build()
                .toUriString();
    }

    private static int pageParameter(MultiValueMap<String, String> query, String name, int min, int max,
            int defaultValue) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return defaultValue;
        }
        String value = values.size() == 1 ? values.getFirst().strip() : String.join(",", values);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String allowed = name.equals("size") ? "an integer from " + min + " to " + max : "an integer of at least " + min;
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "'" + abbreviate(value)
                + "' is not a valid " + name + "; " + name + " must be " + allowed + ".",
                Map.of("parameter", name, "allowed_values", List.of(allowed)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static String etag(Object... parts) {
        return "\"" + Integer.toHexString(Objects.hash(parts)) + "-" + Long.toHexString(Objects.hash(
                java.util.Arrays.deepToString(parts))) + "\"";
    }

    private static ContentType typeOf(String kind) {
        return "truths".equals(kind) ? ContentType.TRUTH : ContentType.DARE;
    }
}
