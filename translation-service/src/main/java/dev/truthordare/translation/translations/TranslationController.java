package dev.truthordare.translation.translations;

import dev.truthordare.events.Languages;
import dev.truthordare.translation.web.ProblemHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/translations")
class TranslationController {

    record ApprovedText(String contentId, String lang, String text) {
    }

    record LanguageState(String lang, TranslationStatus status, String text) {
    }

    private final MongoTemplate mongo;

    TranslationController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping(value = "/{contentId:[A-Za-z0-9_-]{1,64}}", params = "lang")
    ApprovedText approved(@PathVariable String contentId, @RequestParam String lang) {
        String language = Languages.normalise(lang).orElseThrow(() -> new ProblemHandler.ProblemException(
                HttpStatus.BAD_REQUEST, "Unsupported language '" + lang + "'.",
                Map.of("allowed_values", Languages.SUPPORTED.stream().map(Languages.Language::code).toList())));
        Translation translation = mongo.findById(Translation.key(contentId, language), Translation.class);
        if (translation == null || translation.status() != TranslationStatus.APPROVED) {
            throw new ProblemHandler.ProblemException(HttpStatus.NOT_FOUND,
                    "No approved " + language + " translation of '" + contentId + "'.", Map.of());
        }
        return new ApprovedText(contentId, language, translation.text());
    }

    @GetMapping(value = "/{contentId:[A-Za-z0-9_-]{1,64}}", params = "!lang")
    Map<String, Object> all(@PathVariable String contentId) {
        Map<String, Translation> byLanguage = new LinkedHashMap<>();
        mongo.find(Query.query(Criteria.where("contentId").is(contentId)), Translation.class)
                .forEach(translation -> byLanguage.put(translation.language(), translation));
        List<LanguageState> states = Languages.SUPPORTED.stream()
                .filter(language -> !Languages.SOURCE.equals(language.code()))
                .map(language -> {
                    Translation translation = byLanguage.get(language.code());
                    return translation == null
                            ? new LanguageState(language.code(), TranslationStatus.MISSING, null)
                            : new LanguageState(language.code(), translation.status(), translation.text());
                })
                .toList();
        return Map.of("content_id", contentId, "translations", states);
    }
}
