package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.content.web.ProblemHandler;
import org.springframework.http.HttpStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import java.time.Duration;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/{version:v1|v2}")
class PlayController {

    /** Sunset of the original v1 shape, announced in every v1 answer (RFC 8594). */
    private static final String V1_SUNSET = "Thu, 31 Dec 2026 23:59:59 GMT";
    private static final String V1_DEPRECATED_SINCE = "@1767225600"; // RFC 9745 structured date: 2026-01-01

    static class NoMatch extends ProblemHandler.ProblemException {
        NoMatch(ContentType type, Map<String, Object> filters) {
            super(HttpStatus.NOT_FOUND, "No approved " + type.wireName() + " matches the filters " + filters
                    + "; remove or widen one of them.", Map.of("filters", filters));
        }
    }

    static class UnknownItem extends ProblemHandler.ProblemException {
        UnknownItem(ContentType type, String id) {
            super(HttpStatus.NOT_FOUND, "No " + type.wireName() + " with id '" + id + "' is available.", Map.of());
        }
    }

    private final ServableIndex index;
    private final TranslationClient translations;

    PlayController(ServableIndex index, TranslationClient translations) {
        this.index = index;
        this.translations = translations;
    }

    @GetMapping("/{kind:truths|dares}/random")
    ResponseEntity<Object> random(@PathVariable String version, @PathVariable String kind,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        ContentType type = typeOf(kind);
        PlayFilters filters = PlayFilters.parse(type, query);
        ProjectedItem item = index.pickRandom(type, filters.predicate())
                .orElseThrow(() -> new NoMatch(type, filters.applied()));
        return answer(version, kind, item, query.getFirst("lang"), acceptLanguage, CacheControl.noStore());
    }

    @GetMapping("/{kind:truths|dares}/{id:(?!random$)[A-Za-z0-9_-]{1,64}}")
    ResponseEntity<Object> byId(@PathVariable String version, @PathVariable String kind, @PathVariable String id,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        ContentType type = typeOf(kind);
        ProjectedItem item = index.find(type, id).orElseThrow(() -> new UnknownItem(type, id));
        return answer(version, kind, item, lang, acceptLanguage, CacheControl.maxAge(Duration.ofSeconds(60)));
    }

    @GetMapping("/stats")
    ResponseEntity<Map<String, Object>> stats(@PathVariable String version) {
        Map<ContentType, Long> counts = index.countByType();
        long truths = counts.get(ContentType.TRUTH);
        long dares = counts.get(ContentType.DARE);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)))
                .body(Map.of("truths", truths, "dares", dares, "total", truths + dares));
    }

    private ResponseEntity<Object> answer(String version, String kind, ProjectedItem item, String lang,
            String acceptLanguage, CacheControl cacheControl) {
        boolean requested = (lang != null && !lang.isBlank()) || (acceptLanguage != null && !acceptLanguage.isBlank());
        String wanted = Languages.negotiate(lang, acceptLanguage);
        String original = item.snapshot().language() == null ? Languages.SOURCE : item.snapshot().language();
        ItemViews.Localised text;
        if (wanted.equals(original)) {
            boolean unsupportedAsked = lang != null && !lang.isBlank() && Languages.normalise(lang).isEmpty();
            text = new ItemViews.Localised(item.snapshot().content(), original, unsupportedAsked, requested);
        } else {
            text = translations.approvedText(item.id(), wanted)
                    .map(translated -> new ItemViews.Localised(translated, wanted, false, requested))
                    .orElseGet(() -> new ItemViews.Localised(item.snapshot().content(), original, true, requested));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .cacheControl(cacheControl)
                .header(HttpHeaders.CONTENT_LANGUAGE, text.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        if ("v1".equals(version)) {
            response.header("Deprecation", V1_DEPRECATED_SINCE)
                    .header("Sunset", V1_SUNSET)
                    .header(HttpHeaders.LINK, "</api/v2/" + kind + ">; rel=\"successor-version\"");
        }
        return response.body(ItemViews.of(version, item, text));
    }

    private static ContentType typeOf(String kind) {
        return "truths".equals(kind) ? ContentType.TRUTH : ContentType.DARE;
    }

}
