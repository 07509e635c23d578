package dev.truthordare.rating.ratings;

import dev.truthordare.web.problem.ApiProblem;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The ratings one address may give one item: {@link RatingPolicy#perAddressPerItem()}
 * numbered slots, each a document with a fixed {@code _id} so that taking one is a single
 * insert — concurrent new client ids from one address cannot overshoot the cap. A
 * withdrawn rating gives its slot back.
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

	private final MongoTemplate mongo;

	private final int cap;

	AddressSlots(MongoTemplate mongo, RatingPolicy policy) {
		this.mongo = mongo;
		this.cap = policy.perAddressPerItem();
	}

	/**
	 * Takes a slot for a client's first rating of an item; 409 problem when none is free.
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
				// try the next one
			}
		}
		throw new AddressFull(contentId, cap);
	}

	void giveBack(String contentId, String address, String clientId) {
		mongo.remove(Query
			.query(Criteria.where("content_id").is(contentId).and("address").is(address).and("client_id").is(clientId)),
				SLOTS);
	}

}
