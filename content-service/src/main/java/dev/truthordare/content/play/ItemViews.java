package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.List;

/**
 * The JSON shapes players receive: v1 keeps the original four fields, v2 is the full
 * item.
 */
final class ItemViews {

	private ItemViews() {
	}

	/** The text to show and whether it had to fall back to English. */
	record Localised(String text, String language, boolean fallback, boolean languageRequested) {
	}

	record V1Truth(String id, String type, String content, String category, String language,
			Boolean translationFallback) implements ItemView {
	}

	record V1Dare(String id, String type, String content, String difficulty, String language,
			Boolean translationFallback) implements ItemView {
	}

	record Rating(double average, long count) {
	}

	record V2Item(String id, String type, String content, String language, Boolean translationFallback, String category,
			String difficulty, Integer difficultyLevel, String ageRating, List<String> tags, Rating rating,
			Integer durationMinutes, List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
			ContentSnapshot.GroupSize groupSize, String safetyLevel,
			List<String> availableLanguages) implements ItemView {
	}

	/**
	 * @param availableLanguages v2 only; {@code null} (left out) when translation-service
	 * cannot say
	 */
	static ItemView of(String version, ProjectedItem item, Localised text, List<String> availableLanguages) {
		ContentSnapshot s = item.snapshot();
		// v1 clients only see the language fields when they asked for a language: the
		// original shape stays exact.
		String language = text.languageRequested() ? text.language() : null;
		Boolean fallback = text.languageRequested() ? text.fallback() : null;
		if ("v1".equals(version)) {
			return s.type() == ContentType.TRUTH
					? new V1Truth(s.id(), "truth", text.text(), s.category(), language, fallback)
					: new V1Dare(s.id(), "dare", text.text(), s.difficulty(), language, fallback);
		}
		Rating rating = item.rating() == null ? new Rating(0, 0)
				: new Rating(item.rating().average(), item.rating().count());
		return new V2Item(s.id(), s.type().wireName(), text.text(), text.language(), text.fallback(), s.category(),
				s.difficulty(), s.difficultyLevel(), s.ageRating(), s.tags(), rating, s.durationMinutes(),
				s.propsRequired(), s.indoorSuitable(), s.outdoorSuitable(), s.groupSize(), s.safetyLevel(),
				availableLanguages);
	}

}
