package dev.truthordare.cms.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A lease in the store that lets one CMS instance at a time run a job: one document per
 * job with its holder, its expiry and a token that grows with every change of holder. The
 * holder renews it while it works; an instance that dies stops renewing, and another
 * takes it once it has expired. Every renewal and the release are conditional on holder
 * and token, so an instance that lost the lease (paused past its expiry) can neither
 * extend nor release the new holder's.
 *
 * <p>
 * Not ShedLock's MongoDB provider: it names the holder by host name, which every instance
 * on one machine shares, and its unlock is unconditional, so a paused old holder would
 * release the lease of the one that took over.
 *
 * <p>
 * Expiry is compared with each instance's clock: instances on one machine share it, and
 * elsewhere the clocks' skew must stay well under {@code ttl / 3} (NTP does).
 */
public final class StoreLease {

	static final String COLLECTION = "leases";

	private static final Logger log = LoggerFactory.getLogger(StoreLease.class);

	private record Held(long token, Instant expiresAt, Instant renewAfter) {
	}

	private final MongoTemplate mongo;

	private final String name;

	private final Duration ttl;

	private final String holder;

	private volatile Held held;

	/**
	 * Once seen, the lease document is never deleted: no need to try creating it again.
	 */
	private boolean documentExists;

	public StoreLease(MongoTemplate mongo, String name, Duration ttl) {
		this.mongo = mongo;
		this.name = name;
		this.ttl = ttl;
		this.holder = ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Whether this instance holds the lease now, taking or renewing it in the store when
	 * it is due (renewal after a third of its time). Throws when the store cannot answer.
	 */
	public synchronized boolean acquireOrRenew() {
		Instant now = Instant.now();
		Held current = held;
		if (current != null && now.isBefore(current.renewAfter())) {
			return true;
		}
		Instant until = now.plus(ttl);
		if (current != null) {
			Document renewed = mongo.findAndModify(mine(current.token()),
					new Update().set("expiresAt", Date.from(until)), Document.class, COLLECTION);
			if (renewed != null) {
				held = new Held(current.token(), until, now.plus(ttl.dividedBy(3)));
				return true;
			}
			held = null;
			log.warn("Lease '{}' (token {}) was taken over by another instance", name, current.token());
		}
		Document taken = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(name).and("expiresAt").lte(Date.from(now))),
				new Update().set("holder", holder).set("expiresAt", Date.from(until)).inc("token", 1),
				FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
		long token;
		if (taken != null) {
			token = taken.get("token", Number.class).longValue();
		}
		else if (documentExists) {
			return false;
		}
		else {
			try {
				mongo.insert(new Document("_id", name).append("holder", holder)
					.append("expiresAt", Date.from(until))
					.append("token", 1L), COLLECTION);
				token = 1;
			}
			catch (DuplicateKeyException heldByAnother) {
				documentExists = true;
				return false;
			}
		}
		held = new Held(token, until, now.plus(ttl.dividedBy(3)));
		log.info("Lease '{}' taken by {} (token {}, {} s)", name, holder, token, ttl.toSeconds());
		return true;
	}

	/**
	 * Whether the lease this instance took is still its own by its own clock, with a
	 * margin: a check without a store round trip, made before each publish.
	 */
	public boolean stillHeld() {
		Held current = held;
		return current != null && Instant.now().isBefore(current.expiresAt().minus(ttl.dividedBy(5)));
	}

	/**
	 * Ends the lease now, if it is still this instance's, so that another instance takes
	 * over at its next attempt instead of after the expiry.
	 */
	public synchronized void release() {
		Held current = held;
		held = null;
		if (current != null) {
			long released = mongo
				.updateFirst(mine(current.token()), new Update().set("expiresAt", Date.from(Instant.EPOCH)), COLLECTION)
				.getModifiedCount();
			if (released > 0) {
				log.info("Lease '{}' released by {} (token {})", name, holder, current.token());
			}
		}
	}

	private Query mine(long token) {
		return Query.query(Criteria.where("_id").is(name).and("holder").is(holder).and("token").is(token));
	}

}
