package dev.truthordare.rating.ratings;

import dev.truthordare.events.EventType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.rating.items.KnownItems;
import dev.truthordare.rating.web.ProblemHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * One rating per client and item. Both the rating and the item's summary change through single atomic updates
 * ({@code findAndModify}, {@code $inc}), so concurrent ratings never lose each other.
 */
@Service
public class RatingService {

    private static final Logger log = LoggerFactory.getLogger(RatingService.class);
    static final String RATINGS = "ratings";
    static final String SUMMARIES = "summaries";

    public record Summary(String contentId, double average, long count, Map<String, Long> histogram, double score) {
    }

    private final MongoTemplate mongo;
    private final KnownItems items;
    private final KafkaTemplate<String, Object> kafka;

    RatingService(MongoTemplate mongo, KnownItems items, KafkaTemplate<String, Object> kafka) {
        this.mongo = mongo;
        this.items = items;
        this.kafka = kafka;
    }

    /** Stores the client's rating (replacing an earlier one) and returns the new summary. */
    public Summary rate(String contentId, String clientId, int stars, String comment) {
        requireApproved(contentId);
        Document previous = mongo.getCollection(RATINGS).findOneAndUpdate(
                new Document("_id", contentId + ":" + clientId),
                new Document("$set", new Document("content_id", contentId).append("client_id", clientId)
                        .append("rating", stars).append("comment", comment).append("updated_at", Instant.now())),
                new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(com.mongodb.client.model.ReturnDocument.BEFORE));
        Update change = new Update().inc("version", 1).inc("histogram." + stars, 1);
        if (previous == null) {
            change.inc("count", 1).inc("sum", stars);
        } else {
            int old = previous.getInteger("rating");
            change.inc("histogram." + old, -1).inc("sum", stars - old);
        }
        Document summary = mongo.findAndModify(Query.query(Criteria.where("_id").is(contentId)), change,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, SUMMARIES);
        return publish(contentId, summary);
    }

    public Summary summary(String contentId) {
        requireApproved(contentId);
        Document summary = mongo.findById(contentId, Document.class, SUMMARIES);
        return toSummary(contentId, summary);
    }

    private void requireApproved(String contentId) {
        if (items.approved(contentId).isEmpty()) {
            throw new ProblemHandler.ProblemException(HttpStatus.NOT_FOUND,
                    "No approved item has id '" + contentId + "'.", Map.of());
        }
    }

    private Summary publish(String contentId, Document stored) {
        Summary summary = toSummary(contentId, stored);
        long version = stored.get("version", Number.class).longValue();
        RatingSummary event = new RatingSummary(contentId, summary.average(), summary.count(), summary.histogram(),
                summary.score(), version);
        kafka.send(CloudEvents.record(EventType.RATING_SUMMARY, contentId, event, "/rating-service"))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        // The summary is stored; the next change of this item republishes a newer one.
                        log.warn("Rating summary of {} not published: {}", contentId, failure.getMessage());
                    }
                });
        return summary;
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
