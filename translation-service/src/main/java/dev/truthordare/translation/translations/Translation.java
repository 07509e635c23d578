package dev.truthordare.translation.translations;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One item in one language. {@code text} is the last approved text, served only while
 * {@code status} is APPROVED; {@code draft} is a translator's proposal awaiting a
 * moderator. States: DRAFT (a draft and nothing current), APPROVED (text current; a newer
 * draft may be pending), OUTDATED (the source text changed after approval). MISSING is
 * never stored: it is the absence of a document. {@code revision} guards concurrent
 * changes.
 */
@Document("translations")
public record Translation(@Id String id, String contentId, String language, String text, TranslationStatus status,
		Instant updatedAt, String draft, Long sourceVersion, String updatedBy, Long revision) {

	public static String key(String contentId, String language) {
		return contentId + ":" + language;
	}

	long revisionOrZero() {
		return revision == null ? 0 : revision;
	}
}
