package dev.truthordare.rating.ratings;

import dev.truthordare.web.problem.ApiProblem;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The ratings one address may give one item: {@link RatingPolicy#perAddressPerItem()}
 * numbered slots, each a document with a fixed {@code _id} so that taking one is a single
 * insert — concurrent new client ids from one address cannot overshoot the cap. A unique
 * index lets a client hold one slot per item and address, so a double submit of its first
 * rating (one copy to each instance) cannot take two. A withdrawn rating gives its slot
 * back.
 */
@Component
class AddressSlots {

	/** One address already rated the item as often as it may. */
	static class AddressFull extends ApiProblem {

		AddressFull(String contentId, int cap) {
			super(HttpStatus.CONFLICT, "Item '" + contentId + "' already has " + cap
					+ " ratings from your network address; one more is not counted.", Map.of("limit", cap));
		}

	}

	static final String SLOTS = "rating_slots";

	private static final String ONE_PER_CLIENT = "one_slot_per_client";

	private static final Logger log = LoggerFactory.getLogger(AddressSlots.class);

	private final MongoTemplate mongo;

	private final int cap;

	AddressSlots(MongoTemplate mongo, RatingPolicy policy) {
		this.mongo = mongo;
		this.cap = policy.perAddressPerItem();
		try {
			mongo.indexOps(SLOTS)
				.createIndex(new Index().on("content_id", Sort.Direction.ASC)
					.on("address", Sort.Direction.ASC)
					.on("client_id", Sort.Direction.ASC)
					.unique()
					.named(ONE_PER_CLIENT));
		}
		catch (RuntimeException e) {
			// slots taken twice before the index existed: the cap still holds, those
			// clients just hold a place too many until they withdraw
			log.warn("No unique index {} on {}: {}", ONE_PER_CLIENT, SLOTS, e.getMessage());
		}
	}

	/**
	 * Takes a slot for a client's first rating of an item (nothing more when it already
	 * holds one); 409 problem when none is free.
	 */
	void take(String contentId, String address, String clientId) {
		for (int slot = 0; slot < cap; slot++) {
			try {
				mongo.insert(new Document("_id", contentId + "|" + address + "|" + slot).append("content_id", contentId)
					.append("address", address)
					.append("client_id", clientId), SLOTS);
				return;
			}
			catch (DuplicateKeyException taken) {
				if (holds(contentId, address, clientId)) {
					return; // a concurrent copy of this request took it
				}
			}
		}
		throw new AddressFull(contentId, cap);
	}

	private boolean holds(String contentId, String address, String clientId) {
		return mongo.exists(byClient(contentId, address, clientId), SLOTS);
	}

	void giveBack(String contentId, String address, String clientId) {
		mongo.remove(byClient(contentId, address, clientId), SLOTS);
	}

	private static Query byClient(String contentId, String address, String clientId) {
		return Query
			.query(Criteria.where("content_id").is(contentId).and("address").is(address).and("client_id").is(clientId));
	}

}
