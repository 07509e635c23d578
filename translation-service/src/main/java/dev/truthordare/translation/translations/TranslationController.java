package dev.truthordare.translation.translations;

import dev.truthordare.events.Languages;
import dev.truthordare.translation.sources.SourceItem;
import dev.truthordare.translation.sources.SourceItems;
import dev.truthordare.web.problem.ApiProblem;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/translations")
class TranslationController {

	static final String ID = "{contentId:[A-Za-z0-9_-]{1,64}}";
	static final int MAX_PAGE_SIZE = 100;

	record ApprovedText(String contentId, String lang, String text) {
	}

	/**
	 * {@code text}: the last approved text (served only when APPROVED); {@code draft}:
	 * awaiting approval.
	 */
	record LanguageState(String lang, TranslationStatus status, String text, String draft, Long sourceVersion,
			Instant updatedAt) {

		static LanguageState of(String lang, Translation translation) {
			return translation == null ? new LanguageState(lang, TranslationStatus.MISSING, null, null, null, null)
					: new LanguageState(lang, translation.status(), translation.text(), translation.draft(),
							translation.sourceVersion(), translation.updatedAt());
		}
	}

	record TranslationState(String contentId, String lang, TranslationStatus status, String text, String draft,
			Long sourceVersion, Instant updatedAt) {

		static TranslationState of(Translation translation) {
			return new TranslationState(translation.contentId(), translation.language(), translation.status(),
					translation.text(), translation.draft(), translation.sourceVersion(), translation.updatedAt());
		}
	}

	record DraftRequest(String text) {
	}

	record QueueEntry(String contentId, TranslationStatus status, String sourceText, long sourceVersion,
			Instant createdAt, String text, String draft) {
	}

	private final MongoTemplate mongo;

	private final SourceItems sources;

	private final TranslationWorkflow workflow;

	TranslationController(MongoTemplate mongo, SourceItems sources, TranslationWorkflow workflow) {
		this.mongo = mongo;
		this.sources = sources;
		this.workflow = workflow;
	}

	@GetMapping(value = "/" + ID, params = "lang")
	ApprovedText approved(@PathVariable String contentId, @RequestParam String lang) {
		String language = Languages.normalise(lang)
			.orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "Unsupported language '" + lang + "'.",
					Map.of("allowed_values", Languages.SUPPORTED.stream().map(Languages.Language::code).toList())));
		Translation translation = mongo.findById(Translation.key(contentId, language), Translation.class);
		if (translation == null || translation.status() != TranslationStatus.APPROVED) {
			throw new ApiProblem(HttpStatus.NOT_FOUND,
					"No approved " + language + " translation of '" + contentId + "'.",
					Map.of("status", translation == null ? TranslationStatus.MISSING : translation.status()));
		}
		return new ApprovedText(contentId, language, translation.text());
	}

	@GetMapping(value = "/" + ID, params = "!lang")
	Map<String, Object> all(@PathVariable String contentId) {
		Map<String, Translation> byLanguage = new LinkedHashMap<>();
		mongo.find(Query.query(Criteria.where("contentId").is(contentId)), Translation.class)
			.forEach(translation -> byLanguage.put(translation.language(), translation));
		if (byLanguage.isEmpty() && sources.find(contentId).isEmpty()) {
			throw new TranslationProblems.UnknownItem(contentId);
		}
		List<LanguageState> states = TranslationWorkflow.TARGET_LANGUAGES.stream()
			.map(code -> LanguageState.of(code, byLanguage.get(code)))
			.toList();
		return Map.of("content_id", contentId, "translations", states);
	}

	/** Saves a draft (TRANSLATOR or MODERATOR); body {@code {"text": "..."}}. */
	@PutMapping("/" + ID + "/{lang}")
	TranslationState saveDraft(@PathVariable String contentId, @PathVariable String lang,
			@RequestBody DraftRequest request, Authentication author) {
		return TranslationState.of(workflow.saveDraft(contentId, lang, request.text(), author.getName()));
	}

	/** Approves the pending draft or re-approves an OUTDATED text (MODERATOR). */
	@PostMapping("/" + ID + "/{lang}/approve")
	TranslationState approve(@PathVariable String contentId, @PathVariable String lang, Authentication moderator) {
		return TranslationState.of(workflow.approve(contentId, lang, moderator.getName()));
	}

	/**
	 * The translator's work queue for one language over approved items: MISSING and
	 * OUTDATED first, then drafts awaiting approval; within each group the oldest item
	 * first.
	 */
	@GetMapping("/missing")
	Map<String, Object> workQueue(@RequestParam String lang, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		TranslationWorkflow.requireTargetLanguage(lang);
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE + ".", Map.of());
		}
		Map<String, Translation> translations = mongo
			.find(Query.query(Criteria.where("language").is(lang)), Translation.class)
			.stream()
			.collect(Collectors.toMap(Translation::contentId, Function.identity()));
		List<QueueEntry> queue = sources.approvedItems()
			.stream()
			.map(item -> entry(item, translations.get(item.id())))
			.filter(entry -> entry.status() != TranslationStatus.APPROVED)
			.sorted(Comparator.comparingInt((QueueEntry entry) -> entry.status() == TranslationStatus.DRAFT ? 1 : 0)
				.thenComparing(QueueEntry::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(QueueEntry::contentId))
			.toList();
		long total = queue.size();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("lang", lang);
		body.put("page", page);
		body.put("size", size);
		body.put("total_items", total);
		body.put("total_pages", (total + size - 1) / size);
		body.put("items", queue.stream().skip((long) page * size).limit(size).toList());
		return body;
	}

	private static QueueEntry entry(SourceItem item, Translation translation) {
		TranslationStatus status = translation == null ? TranslationStatus.MISSING : translation.status();
		return new QueueEntry(item.id(), status, item.content(), item.version(), item.createdAt(),
				translation == null ? null : translation.text(), translation == null ? null : translation.draft());
	}

}
