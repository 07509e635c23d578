package dev.truthordare.translation.languages;

import dev.truthordare.events.Languages;
import dev.truthordare.translation.sources.SourceItems;
import dev.truthordare.translation.translations.Translation;
import dev.truthordare.translation.translations.TranslationStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LanguageController {

	record LanguageCoverage(String code, String name, String nativeName, double coverage, long translated, long total) {
	}

	private final MongoTemplate mongo;

	private final SourceItems sources;

	LanguageController(MongoTemplate mongo, SourceItems sources) {
		this.mongo = mongo;
		this.sources = sources;
	}

	/**
	 * Coverage = approved translations of approved items / approved items; English is the
	 * source, so always 1.
	 */
	@GetMapping("/api/v1/languages")
	ResponseEntity<Map<String, Object>> languages() {
		Set<String> approvedItems = new HashSet<>(sources.approvedIds());
		long total = approvedItems.size();
		List<LanguageCoverage> languages = Languages.SUPPORTED.stream().map(language -> {
			long translated = Languages.SOURCE.equals(language.code()) ? total : mongo
				.find(Query
					.query(Criteria.where("language").is(language.code()).and("status").is(TranslationStatus.APPROVED)),
						Translation.class)
				.stream()
				.filter(translation -> approvedItems.contains(translation.contentId()))
				.count();
			double coverage = total == 0 ? 0 : Math.round(10000.0 * translated / total) / 10000.0;
			return new LanguageCoverage(language.code(), language.englishName(), language.nativeName(), coverage,
					translated, total);
		}).toList();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)))
			.body(Map.of("languages", languages));
	}

}
