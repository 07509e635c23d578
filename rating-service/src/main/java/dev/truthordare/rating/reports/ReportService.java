package dev.truthordare.rating.reports;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.rating.items.ItemReapproved;
import dev.truthordare.web.kafka.EventSender;
import dev.truthordare.web.request.ClientAddresses;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Players' reports of inappropriate items: one per client and item (the report's
 * {@code _id} is {@code contentId:clientId}, so a second one is recognised atomically).
 * Each new report is published on {@code ratings.reports.v1} with the item's running
 * count, so moderators see every report in their queue. Whether the reports also take the
 * item out of play ({@code hide}) is decided here, on evidence a fake client cannot mint:
 * reports from enough distinct networks ({@link ReportPolicy}) since the item's last
 * approval, and room in the hourly budget of automatic hides ({@link AutoHideBrake}). A
 * count lost to a Kafka outage is carried by the next report.
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

	private final EventSender events;

	private final ReportPolicy policy;

	private final AutoHideBrake brake;

	ReportService(MongoTemplate mongo, EventSender events, ReportPolicy policy, AutoHideBrake brake) {
		this.mongo = mongo;
		this.events = events;
		this.policy = policy;
		this.brake = brake;
	}

	/**
	 * Records the report of an item the caller has checked is approved, by a client at
	 * {@code address}.
	 */
	public Report report(String contentId, String clientId, String address, String reasonCode, String comment) {
		String id = contentId + ":" + clientId;
		String network = ClientAddresses.network(address, ReportPolicy.IPV4_NETWORK_BITS,
				ReportPolicy.IPV6_NETWORK_BITS);
		Instant now = Instant.now();
		try {
			mongo.insert(new Document("_id", id).append("content_id", contentId)
				.append("client_id", clientId)
				.append("network", network)
				.append("reason_code", reasonCode)
				.append("comment", comment)
				.append("created_at", now), REPORTS);
		}
		catch (DuplicateKeyException alreadyReported) {
			Document existing = mongo.findById(id, Document.class, REPORTS);
			return new Report(contentId, existing == null ? reasonCode : existing.getString("reason_code"),
					existing == null ? comment : existing.getString("comment"), false);
		}
		// networks: the distinct networks that reported since the item was last approved
		Document counted = mongo.findAndModify(Query.query(Criteria.where("_id").is(contentId)),
				new Update().inc("count", 1).inc("reasons." + reasonCode, 1).addToSet("networks", network),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, REPORT_COUNTS);
		long count = counted.get("count", Number.class).longValue();
		boolean hide = decideHide(contentId, counted);
		events.send(
				CloudEvents.record(EventType.CONTENT_REPORTED, contentId,
						new ContentReported(contentId, reasonCode, comment, count, now, hide), "/rating-service"),
				"Report #" + count + " of " + contentId);
		return new Report(contentId, reasonCode, comment, true);
	}

	/**
	 * Exposure is what rating-service itself sees of an item: its ratings and all its
	 * reports (content-service's served counts do not reach it). The item is claimed
	 * ({@code hidden}) before the brake is asked, so concurrent reports hide it once and
	 * spend one unit of the budget; a braked claim is given back, so a later report tries
	 * again.
	 */
	private boolean decideHide(String contentId, Document counted) {
		List<?> networks = counted.getList("networks", Object.class, List.of());
		long exposure = counted.get("count", Number.class).longValue() + ratingsOf(contentId);
		Number reapprovals = counted.get("reapprovals", Number.class);
		long needed = policy.networksToHide(exposure, reapprovals == null ? 0 : reapprovals.longValue());
		if (networks.size() < needed) {
			return false;
		}
		if (Boolean.TRUE.equals(counted.getBoolean("hidden"))) {
			return true; // decided before; saying it again costs nothing and survives a
							// lost event
		}
		Query unclaimed = Query.query(Criteria.where("_id").is(contentId).and("hidden").ne(true));
		if (mongo.updateFirst(unclaimed, Update.update("hidden", true), REPORT_COUNTS).getModifiedCount() == 0) {
			return false;
		}
		if (brake.admit(contentId)) {
			log.info("{} hidden automatically: reports from {} networks, {} needed at exposure {}", contentId,
					networks.size(), needed, exposure);
			return true;
		}
		mongo.updateFirst(Query.query(Criteria.where("_id").is(contentId)), Update.update("hidden", false),
				REPORT_COUNTS);
		return false;
	}

	private long ratingsOf(String contentId) {
		Document summary = mongo.findById(contentId, Document.class, "summaries");
		Number ratings = summary == null ? null : summary.get("count", Number.class);
		return ratings == null ? 0 : ratings.longValue();
	}

	/**
	 * A moderator put the item back into play: the reports stay (and keep counting for
	 * exposure and for the moderators' view), the evidence for hiding starts anew, and
	 * the bar is raised.
	 */
	@EventListener
	void onReapproved(ItemReapproved item) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(item.id())),
				new Update().set("networks", List.of()).set("hidden", false).inc("reapprovals", 1), REPORT_COUNTS);
	}

}
