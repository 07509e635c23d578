package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Folds the CMS content stream and the rating summaries into the projection and the
 * in-memory index. The two listeners run on different threads, and several instances
 * share the projection, so neither store is ever written from a copy read earlier: each
 * handler writes only its own part, and only when it is newer than what that store holds
 * (in Mongo one conditional update, in the index one merge under its write lock).
 */
@Component
class ContentProjection {

	private static final Logger log = LoggerFactory.getLogger(ContentProjection.class);

	private final MongoTemplate mongo;

	private final ServableIndex index;

	private final ProjectionDelay delay;

	/** Told the position of every content record read, after it took effect. */
	interface ReadProgress {

		void read(int partition, long offset);

	}

	private final ReadProgress readiness;

	ContentProjection(MongoTemplate mongo, ServableIndex index, ProjectionDelay delay, ReadProgress readiness) {
		this.mongo = mongo;
		this.index = index;
		this.delay = delay;
		this.readiness = readiness;
	}

	@KafkaListener(topics = Topics.CMS_CONTENT, groupId = "${content.projection.group-id}")
	void onContentRecord(ContentSnapshot snapshot, @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
			@Header(KafkaHeaders.OFFSET) long offset) {
		try {
			onContent(snapshot);
		}
		finally {
			// after the record took effect (or failed and went to its dead-letter topic)
			readiness.read(partition, offset);
		}
	}

	void onContent(ContentSnapshot snapshot) {
		if (snapshot == null) {
			return; // tombstones never remove history from the read side
		}
		boolean stored = storeIfNewer(snapshot.id(), "snapshot", snapshot.version(),
				Update.update("snapshot", snapshot));
		// applied even when another instance stored this version first: this instance's
		// index has not seen it yet
		index.applySnapshot(snapshot);
		delay.applied(snapshot);
		log.debug("Projected {} v{} as {}{}", snapshot.id(), snapshot.version(), snapshot.status(),
				stored ? "" : " (the projection already held it or a newer version)");
	}

	@KafkaListener(topics = Topics.RATINGS_SUMMARY, groupId = "${content.projection.group-id}")
	void onRatingSummary(RatingSummary summary) {
		if (summary == null) {
			return;
		}
		ProjectedItem.Rating rating = new ProjectedItem.Rating(summary.average(), summary.count(), summary.version());
		storeIfNewer(summary.contentId(), "rating", summary.version(), Update.update("rating", rating));
		index.applyRating(summary.contentId(), rating);
	}

	/**
	 * Sets one part of an item's document if the document lacks it or holds an older
	 * version, in one atomic upsert. When the condition fails on an existing document the
	 * upsert tries to insert a second one with the same id and is refused: that means
	 * "already as new". The refusal can also come from the other listener creating the
	 * document at the same moment, so the update is tried once more against the document
	 * that now exists.
	 */
	private boolean storeIfNewer(String id, String part, long version, Update update) {
		Query olderOrMissing = Query.query(Criteria.where("_id")
			.is(id)
			.orOperator(Criteria.where(part).exists(false), Criteria.where(part + ".version").lt(version)));
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				mongo.upsert(olderOrMissing, update, ProjectedItem.class);
				return true;
			}
			catch (DuplicateKeyException alreadyAsNew) {
				// decided by the second attempt
			}
		}
		return false;
	}

}
