package dev.truthordare.events;

import java.time.Instant;
import java.util.List;

/**
 * Value of {@link Topics#CMS_CONTENT}: the full state of one item after every change in CMS.
 * Consumers keep the snapshot with the highest {@code version}; older or equal versions are ignored.
 */
public record ContentSnapshot(
        String id,
        ContentType type,
        String content,
        String language,
        String category,
        String difficulty,
        Integer difficultyLevel,
        String ageRating,
        List<String> tags,
        ContentStatus status,
        Integer durationMinutes,
        List<String> propsRequired,
        Boolean indoorSuitable,
        Boolean outdoorSuitable,
        GroupSize groupSize,
        String safetyLevel,
        Instant createdAt,
        Instant updatedAt,
        long version) {

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
