package dev.truthordare.cms.content;

import dev.truthordare.events.ContentSnapshot;
import java.util.List;

/**
 * The fields a moderator (or the seed catalogue) supplies for a new item; checked by
 * {@link ContentValidator}.
 */
public record ContentDraft(String type, String content, String language, String category, String difficulty,
		Integer difficultyLevel, String ageRating, List<String> tags, Integer durationMinutes,
		List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
		ContentSnapshot.GroupSize groupSize, String safetyLevel) {
}
