package dev.truthordare.rating.reports;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Players' reports of inappropriate items: one per client and item (the report's
 * {@code _id} is {@code contentId:clientId}, so a second one is recognised atomically).
 * Each new distinct report increments the item's report count atomically and is published
 * on {@code ratings.reports.v1} with that running count, which is what cms-service
 * compares with its flag threshold. A count lost to a Kafka outage is carried by the next
 * report.
 */
@Service
public class ReportService {

	public static final List<String> REASON_CODES = List.of("OFFENSIVE", "UNSAFE", "TARGETS_A_PERSON", "DUPLICATE",
			"LOW_QUALITY", "WRONG_CATEGORY", "WRONG_LANGUAGE", "OTHER");
	static final String REPORTS = "reports";
	static final String REPORT_COUNTS = "report_counts";

	private static final Logger log = LoggerFactory.getLogger(ReportService.class);

	/**
	 * @param created false when this client had already reported the item (then nothing
	 * was counted)
	 */
	public record Report(String contentId, String reasonCode, String comment, boolean created) {
	}

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, Object> kafka;

	ReportService(MongoTemplate mongo, KafkaTemplate<String, Object> kafka) {
		this.mongo = mongo;
		this.kafka = kafka;
	}

	/** Records the client's report of an item the caller has checked is approved. */
	public Report report(String contentId, String clientId, String reasonCode, String comment) {
		String id = contentId + ":" + clientId;
		Instant now = Instant.now();
		try {
			mongo.insert(new Document("_id", id).append("content_id", contentId)
				.append("client_id", clientId)
				.append("reason_code", reasonCode)
				.append("comment", comment)
				.append("created_at", now), REPORTS);
		}
		catch (DuplicateKeyException alreadyReported) {
			Document existing = mongo.findById(id, Document.class, REPORTS);
			return new Report(contentId, existing == null ? reasonCode : existing.getString("reason_code"),
					existing == null ? comment : existing.getString("comment"), false);
		}
		Document counted = mongo.findAndModify(Query.query(Criteria.where("_id").is(contentId)),
				new Update().inc("count", 1).inc("reasons." + reasonCode, 1),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, REPORT_COUNTS);
		long count = counted.get("count", Number.class).longValue();
		kafka
			.send(CloudEvents.record(EventType.CONTENT_REPORTED, contentId,
					new ContentReported(contentId, reasonCode, comment, count, now), "/rating-service"))
			.whenComplete((result, failure) -> {
				if (failure != null) {
					log.warn("Report #{} of {} not published: {}", count, contentId, failure.getMessage());
				}
			});
		return new Report(contentId, reasonCode, comment, true);
	}

}
