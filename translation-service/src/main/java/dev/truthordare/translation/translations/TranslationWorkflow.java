package dev.truthordare.translation.translations;

import dev.truthordare.events.EventType;
import dev.truthordare.events.Languages;
import dev.truthordare.events.TranslationChanged;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.translation.sources.SourceItem;
import dev.truthordare.web.problem.ApiProblem;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import dev.truthordare.web.kafka.EventSender;
import org.springframework.stereotype.Service;

/**
 * The translator workflow per (item, language): MISSING → DRAFT (PUT) → APPROVED
 * (approve) → OUTDATED (the source text changed in CMS) → APPROVED again (approve a new
 * draft, or re-approve the old text). Only APPROVED text is served. Becoming approved and
 * being withdrawn (outdated) are published on {@code translations.v1}, keyed
 * {@code contentId:lang}. Every change is a conditional update on {@code revision}, so
 * concurrent writers never overwrite each other silently (the loser gets a 409).
 */
@Service
public class TranslationWorkflow {

	public static final List<String> TARGET_LANGUAGES = Languages.SUPPORTED.stream()
		.map(Languages.Language::code)
		.filter(code -> !Languages.SOURCE.equals(code))
		.toList();
	static final int MIN_LENGTH = 10;
	static final int MAX_LENGTH = 500;

	private static final Logger log = LoggerFactory.getLogger(TranslationWorkflow.class);

	private final MongoTemplate mongo;

	private final EventSender events;

	private final TextFilter filter;

	TranslationWorkflow(MongoTemplate mongo, EventSender events, TextFilter filter) {
		this.mongo = mongo;
		this.events = events;
		this.filter = filter;
	}

	/**
	 * Saves a translator's draft; an APPROVED translation keeps being served until the
	 * draft is approved.
	 */
	public Translation saveDraft(String contentId, String lang, String rawText, String author) {
		requireTargetLanguage(lang);
		String text = validText(rawText);
		filter.check(lang, text);
		requireKnownItem(contentId);
		String id = Translation.key(contentId, lang);
		Translation current = mongo.findById(id, Translation.class);
		Instant now = Instant.now();
		if (current == null) {
			Translation draft = new Translation(id, contentId, lang, null, TranslationStatus.DRAFT, now, text, null,
					author, 1L);
			try {
				return mongo.insert(draft);
			}
			catch (DuplicateKeyException concurrentFirstDraft) {
				throw concurrentChange(contentId, lang);
			}
		}
		TranslationStatus status = current.status() == TranslationStatus.APPROVED ? TranslationStatus.APPROVED
				: TranslationStatus.DRAFT;
		return change(current,
				new Update().set("draft", text).set("status", status).set("updatedAt", now).set("updatedBy", author));
	}

	/**
	 * Approves the pending draft, or re-approves an OUTDATED text as still right for the
	 * new source. Approving an APPROVED translation with nothing pending changes nothing
	 * (safe to retry).
	 */
	public Translation approve(String contentId, String lang, String moderator) {
		requireTargetLanguage(lang);
		SourceItem source = requireKnownItem(contentId);
		Translation current = mongo.findById(Translation.key(contentId, lang), Translation.class);
		String text;
		if (current != null && current.draft() != null) {
			text = current.draft();
		}
		else if (current != null && current.status() == TranslationStatus.APPROVED) {
			return current;
		}
		else if (current != null && current.status() == TranslationStatus.OUTDATED && current.text() != null) {
			text = current.text();
		}
		else {
			throw new TranslationProblems.NothingToApprove(contentId, lang,
					current == null ? TranslationStatus.MISSING : current.status());
		}
		Translation approved = change(current,
				new Update().set("text", text)
					.unset("draft")
					.set("status", TranslationStatus.APPROVED)
					.set("sourceVersion", source.version())
					.set("updatedAt", Instant.now())
					.set("updatedBy", moderator));
		publish(new TranslationChanged(contentId, lang, text, true, source.version()));
		return approved;
	}

	/**
	 * The source text of an item changed (a newer version with a different
	 * {@code content}): every translation made against an older source becomes OUTDATED,
	 * and those that were being served are withdrawn on {@code translations.v1}. A
	 * translation already approved against this version or a newer one is left alone, so
	 * a stale delivery that races a newer one cannot outdate work done on the newer text.
	 */
	public void sourceChanged(String contentId, long sourceVersion) {
		for (Translation translation : mongo.find(Query.query(Criteria.where("contentId")
			.is(contentId)
			.and("status")
			.in(TranslationStatus.APPROVED, TranslationStatus.DRAFT)
			.orOperator(olderSource(sourceVersion))), Translation.class)) {
			boolean changed = mongo.updateFirst(
					Query.query(Criteria.where("_id")
						.is(translation.id())
						.and("status")
						.is(translation.status())
						.orOperator(olderSource(sourceVersion))),
					new Update().set("status", TranslationStatus.OUTDATED)
						.set("updatedAt", Instant.now())
						.inc("revision", 1),
					Translation.class)
				.getModifiedCount() == 1;
			if (changed && translation.status() == TranslationStatus.APPROVED) {
				publish(new TranslationChanged(contentId, translation.language(), null, false, sourceVersion));
			}
		}
	}

	private static Criteria[] olderSource(long sourceVersion) {
		return new Criteria[] { Criteria.where("sourceVersion").is(null),
				Criteria.where("sourceVersion").lt(sourceVersion) };
	}

	private Translation change(Translation current, Update update) {
		Criteria sameRevision = current.revision() == null ? Criteria.where("revision").exists(false)
				: Criteria.where("revision").is(current.revision());
		Translation changed = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(current.id())).addCriteria(sameRevision),
				update.set("revision", current.revisionOrZero() + 1),
				org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
				Translation.class);
		if (changed == null) {
			throw concurrentChange(current.contentId(), current.language());
		}
		return changed;
	}

	private void publish(TranslationChanged change) {
		events.send(CloudEvents.record(EventType.TRANSLATION_CHANGED, change.key(), change, "/translation-service"),
				"Translation change " + change.key() + " (approved=" + change.approved() + ")");
	}

	static void requireTargetLanguage(String lang) {
		if (!TARGET_LANGUAGES.contains(lang)) {
			throw new TranslationProblems.NotATargetLanguage(lang, Languages.SOURCE.equals(lang), TARGET_LANGUAGES);
		}
	}

	private SourceItem requireKnownItem(String contentId) {
		SourceItem source = mongo.findById(contentId, SourceItem.class);
		if (source == null) {
			throw new TranslationProblems.UnknownItem(contentId);
		}
		return source;
	}

	/**
	 * NFC-normalised and trimmed; 10–500 characters (code points); no control characters
	 * such as line breaks.
	 */
	static String validText(String raw) {
		if (raw == null || raw.isBlank()) {
			throw invalidText("text is required.");
		}
		String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
		int length = text.codePointCount(0, text.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			throw invalidText(
					"text must be " + MIN_LENGTH + "–" + MAX_LENGTH + " characters long; it has " + length + ".");
		}
		if (text.codePoints()
			.anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.SURROGATE
					|| Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.PRIVATE_USE)) {
			throw invalidText("text must not contain control, private-use or unassigned characters.");
		}
		return text;
	}

	private static ApiProblem invalidText(String detail) {
		return new TranslationProblems.InvalidText(detail);
	}

	private static ApiProblem concurrentChange(String contentId, String lang) {
		return new TranslationProblems.ConcurrentChange(contentId, lang);
	}

}
