package dev.truthordare.cms.reports;

import dev.truthordare.cms.content.ContentService;
import dev.truthordare.events.ContentReported;
import dev.truthordare.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Players' reports from rating-service; an item is taken out of play (FLAGGED) when
 * rating-service says the reports are evidence enough, else the report only puts the item
 * in the moderators' queue of reported items.
 */
@Component
class ReportsListener {

	private final ContentService content;

	private final long threshold;

	ReportsListener(ContentService content, @Value("${cms.reports.flag-threshold}") long threshold) {
		this.content = content;
		this.threshold = threshold;
	}

	@KafkaListener(topics = Topics.RATINGS_REPORTS)
	void onReport(ContentReported report) {
		if (report != null) {
			content.applyReport(report, threshold);
		}
	}

}
