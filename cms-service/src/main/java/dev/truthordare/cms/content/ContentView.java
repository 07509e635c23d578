package dev.truthordare.cms.content;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import java.time.Instant;
import java.util.List;

/**
 * What moderators see of an item; {@code legacy_id} is its id in the original API's
 * shape.
 */
record ContentView(String id, String type, String content, String language, String category, String difficulty,
		Integer difficultyLevel, String ageRating, List<String> tags, ContentStatus status, Integer durationMinutes,
		List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
		ContentSnapshot.GroupSize groupSize, String safetyLevel, Instant createdAt, Instant updatedAt, long version,
		Integer legacyId) {

	static ContentView of(ContentItem item) {
		return new ContentView(item.getId(), item.getType().wireName(), item.getContent(), item.getLanguage(),
				item.getCategory(), item.getDifficulty(), item.getDifficultyLevel(), item.getAgeRating(),
				item.getTags(), item.getStatus(), item.getDurationMinutes(), item.getPropsRequired(),
				item.getIndoorSuitable(), item.getOutdoorSuitable(), item.getGroupSize(), item.getSafetyLevel(),
				item.getCreatedAt(), item.getUpdatedAt(), item.getVersion(), item.getLegacyId());
	}
}
