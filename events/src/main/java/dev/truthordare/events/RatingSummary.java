package dev.truthordare.events;

import java.util.Map;

/** Value of {@link Topics#RATINGS_SUMMARY}: the aggregate of all ratings of one item. */
public record RatingSummary(String contentId, double average, long count, Map<String, Long> histogram, double score,
		long version) {
}
