package dev.truthordare.events;

import java.time.Instant;

/**
 * Value of {@link Topics#RATINGS_REPORTS}: a player reported an item as inappropriate.
 *
 * <p>
 * {@code hide} is rating-service's decision: {@code true} when the reports so far are
 * evidence enough to take the item out of play until a moderator looks at it,
 * {@code false} when the report only queues the item for review. It is {@code null} in
 * events written before rating-service decided (then cms-service compares
 * {@code reportCount} with its own threshold, as it always did).
 */
public record ContentReported(String contentId, String reasonCode, String comment, long reportCount, Instant at,
		Boolean hide) {

	/** A report as every producer wrote it before {@code hide} existed. */
	public ContentReported(String contentId, String reasonCode, String comment, long reportCount, Instant at) {
		this(contentId, reasonCode, comment, reportCount, at, null);
	}

}
