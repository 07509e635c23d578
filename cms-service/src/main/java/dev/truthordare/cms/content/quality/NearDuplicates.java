package dev.truthordare.cms.content.quality;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The near-duplicate check against the store, so that every CMS instance sees the items
 * any other one wrote. Each item keeps the LSH band keys of its text
 * ({@link NearDuplicateIndex#bandKeys}) in its document; candidates are the items of the
 * same type, not rejected, sharing a key (one indexed {@code $in} query), and each is
 * then compared with its exact Jaccard similarity.
 */
@Component
public class NearDuplicates {

	/** The item field holding the band keys of its text. */
	public static final String BAND_KEYS = "bandKeys";

	private static final Logger log = LoggerFactory.getLogger(NearDuplicates.class);

	private static final String COLLECTION = "content";

	private final MongoTemplate mongo;

	private final double threshold;

	/**
	 * Gives items stored before band keys existed their keys before the first request is
	 * served: each write is conditional on the text it was computed from, so instances
	 * starting together (or an edit meanwhile) cannot store keys of a stale text, and a
	 * second run finds nothing to do.
	 */
	NearDuplicates(MongoTemplate mongo, QualityProperties properties) {
		this.mongo = mongo;
		this.threshold = properties.duplicateThreshold();
		mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("type", Sort.Direction.ASC)
				.on(BAND_KEYS, Sort.Direction.ASC)
				.named("near_duplicate_bands"));
		backfill();
	}

	public double threshold() {
		return threshold;
	}

	/** The keys to store with an item whose text is {@code text}. */
	public static List<Long> keysOf(String text) {
		return Arrays.stream(NearDuplicateIndex.bandKeys(text)).boxed().toList();
	}

	/**
	 * The most similar item of {@code type} at or above the threshold, other than
	 * {@code ignoredId}; rejected items do not count.
	 */
	public Optional<NearDuplicateIndex.Match> findDuplicate(ContentType type, String text, String ignoredId) {
		Criteria criteria = Criteria.where("type")
			.is(type.name())
			.and("status")
			.ne(ContentStatus.REJECTED.name())
			.and(BAND_KEYS)
			.in(keysOf(text));
		if (ignoredId != null) {
			criteria = criteria.and("_id").ne(ignoredId);
		}
		Query candidates = Query.query(criteria);
		candidates.fields().include("_id", "content");
		NearDuplicateIndex.Match best = null;
		for (Document candidate : mongo.find(candidates, Document.class, COLLECTION)) {
			double similarity = NearDuplicateIndex.similarity(text, candidate.getString("content"));
			if (similarity >= threshold && (best == null || similarity > best.similarity())) {
				best = new NearDuplicateIndex.Match(candidate.getString("_id"), similarity);
			}
		}
		return Optional.ofNullable(best);
	}

	private void backfill() {
		Query missing = Query.query(Criteria.where(BAND_KEYS).exists(false));
		missing.fields().include("_id", "content");
		int given = 0;
		for (Document item : mongo.find(missing, Document.class, COLLECTION)) {
			String text = item.getString("content");
			if (text == null) {
				continue;
			}
			// by collection name, not entity class: the keys are no change of the item,
			// so its version (the ETag moderators hold) must not move
			given += (int) mongo
				.updateFirst(Query.query(
						Criteria.where("_id").is(item.get("_id")).and("content").is(text).and(BAND_KEYS).exists(false)),
						new Update().set(BAND_KEYS, keysOf(text)), COLLECTION)
				.getModifiedCount();
		}
		if (given > 0) {
			log.info("Near-duplicate band keys given to {} item(s) stored before they existed", given);
		}
	}

}
