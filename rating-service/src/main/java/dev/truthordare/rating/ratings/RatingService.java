package dev.truthordare.rating.ratings;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.rating.items.KnownItem;
import dev.truthordare.rating.items.KnownItems;
import dev.truthordare.rating.reports.ReportService;
import dev.truthordare.web.kafka.EventSender;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.web.request.ClientAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One rating per client and item, and at most {@link RatingPolicy#perAddressPerItem()}
 * per address and item ({@link AddressSlots}). The rating ({@code findOneAndUpdate}
 * returning the previous one) and the item's summary ({@code $inc} of count, sum and
 * histogram bucket) each change in one atomic single-document update, so concurrent
 * ratings never lose each other: there is no read-modify-write of a counter anywhere. The
 * ranking score is derived from the summary just written and stored only if no newer
 * change overtook it (guarded by {@code version}), with the number of distinct addresses
 * the ratings come from ({@code distinct_addresses}, counted from the per-address tallies
 * in {@code addresses}), which the top list requires.
 */
@Service
public class RatingService {

	/** A client withdrew a rating it never gave (or already withdrew). */
	public static class NoRating extends ApiProblem {

		NoRating(String contentId) {
			super(HttpStatus.NOT_FOUND, "This client has no rating of '" + contentId + "' to withdraw.");
		}

	}

	private static final Logger log = LoggerFactory.getLogger(RatingService.class);
	static final String RATINGS = "ratings";
	static final String SUMMARIES = "summaries";

	public record Summary(String contentId, double average, long count, Map<String, Long> histogram, double score) {
	}

	public record Ranked(int rank, String contentId, String type, double average, long count, double score) {
	}

	public record Rating(String contentId, int rating, String comment, Boolean appropriate, String difficultyFeedback) {
	}

	private final MongoTemplate mongo;

	private final KnownItems items;

	private final ReportService reports;

	private final EventSender events;

	private final AddressSlots slots;

	private final RatingPolicy policy;

	RatingService(MongoTemplate mongo, KnownItems items, ReportService reports, EventSender events, AddressSlots slots,
			RatingPolicy policy) {
		this.mongo = mongo;
		this.items = items;
		this.reports = reports;
		this.events = events;
		this.slots = slots;
		this.policy = policy;
	}

	/**
	 * Stores the client's rating (replacing an earlier one) and returns the new summary.
	 * A rating marked {@code appropriate: false} also files the client's report of the
	 * item (reason OTHER, the comment as text). A client's first rating of an item needs
	 * a free slot of its {@code clientAddress} (409 problem when there is none).
	 */
	public Summary rate(String clientId, String clientAddress, Rating rating) {
		String contentId = rating.contentId();
		KnownItem item = items.requireApproved(contentId);
		String address = ClientAddresses.network(clientAddress, RatingPolicy.IPV4_BITS, RatingPolicy.IPV6_BITS);
		Document byId = new Document("_id", contentId + ":" + clientId);
		boolean first = mongo.getCollection(RATINGS).countDocuments(byId) == 0;
		if (first) {
			slots.take(contentId, address, clientId);
		}
		Document previous = mongo.getCollection(RATINGS)
			.findOneAndUpdate(byId,
					new Document("$set",
							new Document("content_id", contentId).append("client_id", clientId)
								.append("rating", rating.rating())
								.append("comment", rating.comment())
								.append("appropriate", rating.appropriate())
								.append("difficulty_feedback", rating.difficultyFeedback())
								.append("updated_at", Instant.now()))
						.append("$setOnInsert", new Document("address", address)),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
		if (previous == null && !first) {
			// withdrawn between the check and the write: a first rating after all, which
			// holds a place of its address like any other or is taken back before it
			// counts
			try {
				slots.take(contentId, address, clientId);
			}
			catch (AddressSlots.AddressFull full) {
				mongo.getCollection(RATINGS).deleteOne(byId);
				throw full;
			}
		}
		int stars = rating.rating();
		Update change = new Update().inc("version", 1).set("type", wire(item.type()));
		if (previous == null) {
			change.inc("count", 1)
				.inc("sum", stars)
				.inc("histogram." + stars, 1)
				.inc(RatingSummaries.tally(address), 1);
		}
		else {
			int old = previous.getInteger("rating");
			if (old != stars) {
				change.inc("histogram." + old, -1).inc("histogram." + stars, 1).inc("sum", stars - old);
			}
		}
		Summary summary = publish(contentId, updateSummary(contentId, change));
		if (Boolean.FALSE.equals(rating.appropriate())) {
			reports.report(contentId, clientId, clientAddress, "OTHER", rating.comment());
		}
		return summary;
	}

	/** Withdraws the client's rating of an item; 404 when there is none. */
	public Summary withdraw(String clientId, String contentId) {
		Document removed = mongo.getCollection(RATINGS)
			.findOneAndDelete(new Document("_id", contentId + ":" + clientId));
		if (removed == null) {
			throw new NoRating(contentId);
		}
		int old = removed.getInteger("rating");
		String address = removed.getString("address");
		if (address != null) {
			slots.giveBack(contentId, address, clientId);
		}
		Update change = new Update().inc("version", 1)
			.inc("count", -1)
			.inc("sum", -old)
			.inc("histogram." + old, -1)
			.inc(RatingSummaries.tally(address), -1);
		return publish(contentId, updateSummary(contentId, change));
	}

	public Summary summary(String contentId) {
		items.requireApproved(contentId);
		Document summary = mongo.findById(contentId, Document.class, SUMMARIES);
		return toSummary(contentId, summary);
	}

	/**
	 * Approved items of {@code type} (both when null) with at least {@code minCount}
	 * ratings from at least {@link RatingPolicy#topMinAddresses()} addresses, best Wilson
	 * lower bound first (see {@link RatingSummaries#wilsonLowerBound}); ties go to the
	 * item with more ratings, then by id.
	 */
	public List<Ranked> top(ContentType type, int limit, long minCount) {
		Criteria criteria = Criteria.where("count")
			.gte(Math.max(minCount, 1))
			.and("distinct_addresses")
			.gte(policy.topMinAddresses());
		if (type != null) {
			criteria = criteria.and("type").is(wire(type));
		}
		Sort order = Sort.by(Sort.Order.desc("score"), Sort.Order.desc("count"), Sort.Order.asc("_id"));
		List<Ranked> ranked = new ArrayList<>();
		int batch = Math.max(2 * limit, 20);
		for (int skip = 0; ranked.size() < limit; skip += batch) {
			List<Document> page = mongo.find(Query.query(criteria).with(order).skip(skip).limit(batch), Document.class,
					SUMMARIES);
			Set<String> live = items.approvedAmong(page.stream().map(summary -> summary.getString("_id")).toList());
			for (Document stored : page) {
				String id = stored.getString("_id");
				if (live.contains(id) && ranked.size() < limit) {
					Summary summary = toSummary(id, stored);
					ranked.add(new Ranked(ranked.size() + 1, id, stored.getString("type"), summary.average(),
							summary.count(), Math.round(summary.score() * 10000.0) / 10000.0));
				}
			}
			if (page.size() < batch) {
				break;
			}
		}
		return ranked;
	}

	/**
	 * Summaries written before the ranking existed lack {@code type} and {@code score},
	 * and those written before addresses were counted lack {@code addresses}; fill them
	 * in once at start (guarded by {@code version}, so a concurrent rating wins) so they
	 * take part in {@code /top}. Ratings from before addresses were kept count as from
	 * distinct addresses ({@code addresses.legacy}): nothing tells them apart.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void backfillRankingFields() {
		Query incomplete = Query.query(new Criteria().orOperator(Criteria.where("type").exists(false),
				Criteria.where("score").exists(false), Criteria.where("addresses").exists(false)));
		for (Document stored : mongo.find(incomplete, Document.class, SUMMARIES)) {
			String id = stored.getString("_id");
			Update fill = Update.update("score", toSummary(id, stored).score());
			if (stored.get("addresses") == null) {
				long legacy = toSummary(id, stored).count();
				fill.set("addresses", new Document(RatingSummaries.LEGACY, legacy)).set("distinct_addresses", legacy);
			}
			KnownItem item = mongo.findById(id, KnownItem.class);
			if (item != null && item.type() != null) {
				fill.set("type", wire(item.type()));
			}
			mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(stored.get("version"))), fill,
					SUMMARIES);
		}
	}

	private Document updateSummary(String contentId, Update change) {
		Query byId = Query.query(Criteria.where("_id").is(contentId));
		FindAndModifyOptions returnNew = FindAndModifyOptions.options().upsert(true).returnNew(true);
		Document stored;
		try {
			stored = mongo.findAndModify(byId, change, returnNew, Document.class, SUMMARIES);
		}
		catch (DuplicateKeyException concurrentFirstUpsert) {
			// two first ratings raced to create the summary; the document exists now, so
			// this update just applies
			stored = mongo.findAndModify(byId, change, returnNew, Document.class, SUMMARIES);
		}
		double score = toSummary(contentId, stored).score();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(contentId).and("version").is(stored.get("version"))),
				Update.update("score", score).set("distinct_addresses", RatingSummaries.distinctAddresses(stored)),
				SUMMARIES);
		return stored;
	}

	private Summary publish(String contentId, Document stored) {
		Summary summary = toSummary(contentId, stored);
		long version = stored.get("version", Number.class).longValue();
		RatingSummary event = new RatingSummary(contentId, summary.average(), summary.count(), summary.histogram(),
				summary.score(), version);
		// the summary is stored; if it is lost, the next change of this item publishes a
		// newer one
		events.send(CloudEvents.record(EventType.RATING_SUMMARY, contentId, event, "/rating-service"),
				"Rating summary of " + contentId);
		return summary;
	}

	private static String wire(ContentType type) {
		return type == null ? null : type.wireName();
	}

	private static Summary toSummary(String contentId, Document stored) {
		Map<String, Long> histogram = new LinkedHashMap<>();
		for (int stars = 1; stars <= 5; stars++) {
			histogram.put(String.valueOf(stars), 0L);
		}
		if (stored == null) {
			return new Summary(contentId, 0, 0, histogram, 0);
		}
		Document buckets = stored.get("histogram", Document.class);
		if (buckets != null) {
			buckets.forEach((stars, count) -> histogram.put(stars, ((Number) count).longValue()));
		}
		long count = stored.get("count", Number.class) == null ? 0 : stored.get("count", Number.class).longValue();
		long sum = stored.get("sum", Number.class) == null ? 0 : stored.get("sum", Number.class).longValue();
		double average = count == 0 ? 0 : Math.round(100.0 * sum / count) / 100.0;
		double score = RatingSummaries.wilsonLowerBound(RatingSummaries.positive(histogram), count);
		return new Summary(contentId, average, count, histogram, score);
	}

}
