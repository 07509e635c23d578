package dev.truthordare.cms.reports;

import dev.truthordare.cms.content.ContentService;
import dev.truthordare.events.ContentReported;
import dev.truthordare.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Players' reports from rating-service; enough distinct reporters take an item out of
 * play (FLAGGED).
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
