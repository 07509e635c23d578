package dev.truthordare.events;

import java.time.Instant;

/**
 * Value of {@link Topics#RATINGS_REPORTS}: a player reported an item as inappropriate.
 */
public record ContentReported(String contentId, String reasonCode, String comment, long reportCount, Instant at) {
}
