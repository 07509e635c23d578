package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Folds the CMS content stream and the rating summaries into the projection and the in-memory index. */
@Component
class ContentProjection {

    private static final Logger log = LoggerFactory.getLogger(ContentProjection.class);

    private final MongoTemplate mongo;
    private final ServableIndex index;

    ContentProjection(MongoTemplate mongo, ServableIndex index) {
        this.mongo = mongo;
        this.index = index;
    }

    @KafkaListener(topics = Topics.CMS_CONTENT, groupId = "${content.projection.group-id}")
    void onContent(ContentSnapshot snapshot) {
        if (snapshot == null) {
            return; // tombstones never remove history from the read side
        }
        ProjectedItem current = mongo.findById(snapshot.id(), ProjectedItem.class);
        if (current != null && current.snapshot() != null && current.snapshot().version() >= snapshot.version()) {
            return;
        }
        ProjectedItem updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(snapshot.id())),
                new Update().set("snapshot", snapshot), FindAndModifyOptions.options().upsert(true).returnNew(true),
                ProjectedItem.class);
        index.put(updated);
        log.debug("Projected {} v{} as {}", snapshot.id(), snapshot.version(), snapshot.status());
    }

    @KafkaListener(topics = Topics.RATINGS_SUMMARY, groupId = "${content.projection.group-id}")
    void onRatingSummary(RatingSummary summary) {
        if (summary == null) {
            return;
        }
        ProjectedItem updated = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(summary.contentId())
                        .orOperator(Criteria.where("rating").exists(false),
                                Criteria.where("rating.version").lt(summary.version()))),
                new Update().set("rating", new ProjectedItem.Rating(summary.average(), summary.count(), summary.version())),
                FindAndModifyOptions.options().returnNew(true), ProjectedItem.class);
        if (updated == null && mongo.findById(summary.contentId(), ProjectedItem.class) == null) {
            updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(summary.contentId())),
                    new Update().set("rating", new ProjectedItem.Rating(summary.average(), summary.count(), summary.version())),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), ProjectedItem.class);
        }
        if (updated != null) {
            index.put(updated);
        }
    }
}
