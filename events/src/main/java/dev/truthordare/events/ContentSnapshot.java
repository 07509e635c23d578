package dev.truthordare.events;

import java.time.Instant;
import java.util.List;

/**
 * Value of {@link Topics#CMS_CONTENT}: the full state of one item after every change in
 * CMS. Consumers keep the snapshot with the highest {@code version}; older or equal
 * versions are ignored.
 *
 * <p>
 * {@code legacyId} ({@code legacy_id}) is the item's integer id in the original API's
 * shape, unique per type and never reused: the seed catalogue's {@code truth-017} is
 * truth 17, imported items keep their original ids, new items get the next free number.
 * It is {@code null} in events written before numbers existed.
 */
public record ContentSnapshot(String id, ContentType type, String content, String language, String category,
		String difficulty, Integer difficultyLevel, String ageRating, List<String> tags, ContentStatus status,
		Integer durationMinutes, List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
		GroupSize groupSize, String safetyLevel, Instant createdAt, Instant updatedAt, long version, Integer legacyId) {

	/**
	 * A snapshot without a legacy number, as every producer wrote it before
	 * {@code legacy_id} existed.
	 */
	public ContentSnapshot(String id, ContentType type, String content, String language, String category,
			String difficulty, Integer difficultyLevel, String ageRating, List<String> tags, ContentStatus status,
			Integer durationMinutes, List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
			GroupSize groupSize, String safetyLevel, Instant createdAt, Instant updatedAt, long version) {
		this(id, type, content, language, category, difficulty, difficultyLevel, ageRating, tags, status,
				durationMinutes, propsRequired, indoorSuitable, outdoorSuitable, groupSize, safetyLevel, createdAt,
				updatedAt, version, null);
	}

	public ContentSnapshot {
		tags = tags == null ? List.of() : List.copyOf(tags);
		propsRequired = propsRequired == null ? null : List.copyOf(propsRequired);
	}

	public record GroupSize(int min, int max) {
	}

	public boolean isServable() {
		return status == ContentStatus.APPROVED;
	}
}
