package dev.truthordare.cms.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one
 * username within {@link #WINDOW}, that username is locked for {@link #LOCK}, whoever
 * asks, and login answers 429. Kept in the database, so every CMS instance applies the
 * same lock.
 */
@Component
class LoginThrottle {

	static final int MAX_FAILURES = 5;
	static final Duration WINDOW = Duration.ofMinutes(15);
	static final Duration LOCK = Duration.ofMinutes(5);

	private static final String COLLECTION = "login_failures";

	static class Locked extends RuntimeException {

		private final long retryAfterSeconds;

		Locked(long retryAfterSeconds) {
			super("Too many failed logins for this account; try again in " + retryAfterSeconds + " s.");
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return retryAfterSeconds;
		}

	}

	private final MongoTemplate mongo;

	LoginThrottle(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void requireNotLocked(String username) {
		Document state = mongo.findById(username, Document.class, COLLECTION);
		if (state != null && state.getDate("lockedUntil") != null) {
			Instant until = state.getDate("lockedUntil").toInstant();
			if (until.isAfter(Instant.now())) {
				throw new Locked(Math.max(1, Duration.between(Instant.now(), until).toSeconds()));
			}
		}
	}

	void failed(String username) {
		Instant now = Instant.now();
		Query query = Query.query(Criteria.where("_id").is(username));
		Document state = mongo.findById(username, Document.class, COLLECTION);
		if (state == null || state.getDate("windowStart") == null
				|| state.getDate("windowStart").toInstant().plus(WINDOW).isBefore(now)) {
			mongo.upsert(query, new Update().set("windowStart", Date.from(now)).set("count", 0).unset("lockedUntil"),
					COLLECTION);
		}
		Document counted = mongo.findAndModify(query, new Update().inc("count", 1),
				FindAndModifyOptions.options().returnNew(true).upsert(true), Document.class, COLLECTION);
		if (counted.get("count", Number.class).intValue() >= MAX_FAILURES) {
			mongo.updateFirst(query,
					new Update().set("lockedUntil", Date.from(now.plus(LOCK)))
						.set("count", 0)
						.set("windowStart", Date.from(now)),
					COLLECTION);
		}
	}

	void succeeded(String username) {
		mongo.remove(Query.query(Criteria.where("_id").is(username)), COLLECTION);
	}

}
