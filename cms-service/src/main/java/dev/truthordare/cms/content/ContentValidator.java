package dev.truthordare.cms.content;

import dev.truthordare.events.ContentType;
import dev.truthordare.events.ContentVocabulary;
import dev.truthordare.wordfilter.BannedWords;
import dev.truthordare.wordfilter.BidiControls;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One set of rules for every way content enters CMS. */
@Component
public class ContentValidator {

	private final BannedWords bannedWords;

	ContentValidator(BannedWords bannedWords) {
		this.bannedWords = bannedWords;
	}

	static final List<String> SAFETY_LEVELS = List.of("safe", "caution");
	static final int MIN_LENGTH = 10;
	static final int MAX_LENGTH = 500;

	/**
	 * Normalises the text (NFC, trimmed) and returns the cleaned draft, or throws with
	 * every problem found.
	 */
	public ContentDraft validate(ContentDraft draft) {
		List<Map<String, String>> errors = new ArrayList<>();
		ContentType type = parseType(draft.type(), errors);
		String text = draft.content() == null ? null
				: Normalizer.normalize(draft.content().strip(), Normalizer.Form.NFC);
		if (text == null || text.isEmpty()) {
			errors.add(error("content", "is required"));
		}
		else {
			int length = text.codePointCount(0, text.length());
			if (length < MIN_LENGTH || length > MAX_LENGTH) {
				errors.add(error("content", "must be " + MIN_LENGTH + "–" + MAX_LENGTH + " characters, was " + length));
			}
			if (text.codePoints().anyMatch(c -> Character.isISOControl(c))) {
				errors.add(error("content", "must not contain control characters"));
			}
		}
		if (type == ContentType.TRUTH) {
			oneOf("category", draft.category(), ContentVocabulary.TRUTH_CATEGORIES, true, errors);
			if (draft.difficulty() != null) {
				errors.add(error("difficulty", "applies to dares only"));
			}
		}
		else if (type == ContentType.DARE) {
			oneOf("category", draft.category(), ContentVocabulary.DARE_CATEGORIES, false, errors);
			oneOf("difficulty", draft.difficulty(), ContentVocabulary.DIFFICULTIES, true, errors);
			if (draft.durationMinutes() != null && (draft.durationMinutes() < 1 || draft.durationMinutes() > 120)) {
				errors.add(error("duration_minutes", "must be 1–120"));
			}
			if (draft.groupSize() != null
					&& (draft.groupSize().min() < 1 || draft.groupSize().max() < draft.groupSize().min())) {
				errors.add(error("group_size", "needs 1 <= min <= max"));
			}
			oneOf("safety_level", draft.safetyLevel(), SAFETY_LEVELS, false, errors);
		}
		oneOf("age_rating", draft.ageRating(), ContentVocabulary.AGE_RATINGS, false, errors);
		if (draft.difficultyLevel() != null && (draft.difficultyLevel() < 1 || draft.difficultyLevel() > 5)) {
			errors.add(error("difficulty_level", "must be 1–5"));
		}
		if (draft.language() != null && !draft.language().matches("[a-z]{2}")) {
			errors.add(error("language", "must be a two-letter ISO 639-1 code"));
		}
		if (draft.tags() != null && (draft.tags().size() > 10
				|| draft.tags().stream().anyMatch(tag -> tag == null || tag.isBlank() || tag.length() > 30))) {
			errors.add(error("tags", "at most 10 tags of 1–30 characters"));
		}
		if (!errors.isEmpty()) {
			throw new ContentExceptions.Invalid(errors);
		}
		if (BidiControls.firstIn(text).isPresent() || (draft.tags() != null
				&& draft.tags().stream().anyMatch(tag -> BidiControls.firstIn(tag).isPresent()))) {
			throw new ContentExceptions.BidiControl();
		}
		if (bannedWords.matches(text)
				|| (draft.tags() != null && draft.tags().stream().anyMatch(bannedWords::matches))) {
			throw new ContentExceptions.Banned();
		}
		return new ContentDraft(type.wireName(), text, draft.language() == null ? "en" : draft.language(),
				draft.category(), draft.difficulty(), draft.difficultyLevel(),
				draft.ageRating() == null ? "all" : draft.ageRating(), draft.tags() == null ? List.of() : draft.tags(),
				draft.durationMinutes(), draft.propsRequired(), draft.indoorSuitable(), draft.outdoorSuitable(),
				draft.groupSize(), draft.safetyLevel());
	}

	private static ContentType parseType(String value, List<Map<String, String>> errors) {
		if ("truth".equals(value)) {
			return ContentType.TRUTH;
		}
		if ("dare".equals(value)) {
			return ContentType.DARE;
		}
		errors.add(error("type", "must be one of [truth, dare]"));
		return null;
	}

	private static void oneOf(String field, String value, List<String> allowed, boolean required,
			List<Map<String, String>> errors) {
		if (value == null) {
			if (required) {
				errors.add(error(field, "is required; one of " + allowed.stream().sorted().toList()));
			}
		}
		else if (!allowed.contains(value)) {
			errors.add(error(field, "must be one of " + allowed.stream().sorted().toList()));
		}
	}

	private static Map<String, String> error(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

}
