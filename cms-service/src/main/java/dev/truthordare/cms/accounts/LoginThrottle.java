package dev.truthordare.cms.accounts;

import dev.truthordare.web.problem.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without handing anyone a way to lock an account (OWASP
 * Authentication Cheat Sheet). Failures count per username and address together: from
 * failure number {@code failuresBeforeDelay} on that pair waits {@code firstDelay},
 * doubling with each further failure up to {@code maxDelay}, and other addresses are not
 * affected. Guessing from many addresses is caught per username: past
 * {@code usernameSoftLimit} failures in {@code usernameWindow}, addresses that have not
 * logged in to the account before get one attempt per {@code usernameGap} between them;
 * the owner's known addresses are never slowed. Kept in the database, so every CMS
 * instance applies the same delays.
 */
@Component
class LoginThrottle {

	private static final String COLLECTION = "login_throttle";

	/** A pair that stops failing for this long starts counting from zero again. */
	private static final Duration PAIR_IDLE_RESET = Duration.ofHours(1);

	/** 429 with Retry-After; no password is checked while it lasts. */
	static class Locked extends ApiProblem {

		private final long retryAfterSeconds;

		Locked(long retryAfterSeconds, String why) {
			super(HttpStatus.TOO_MANY_REQUESTS, why + " Try again in " + retryAfterSeconds + " s.", Map.of(),
					retryAfter(retryAfterSeconds));
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return retryAfterSeconds;
		}

		private static HttpHeaders retryAfter(long seconds) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return headers;
		}

	}

	record Cleared(long addresses, boolean username) {
	}

	private final MongoTemplate mongo;

	private final LoginThrottleProperties policy;

	private final Clock clock;

	@Autowired
	LoginThrottle(MongoTemplate mongo, LoginThrottleProperties policy) {
		this(mongo, policy, Clock.systemUTC());
	}

	LoginThrottle(MongoTemplate mongo, LoginThrottleProperties policy, Clock clock) {
		this.mongo = mongo;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * Refuses the attempt (429) while this pair waits, or while the username is slowed.
	 */
	void requireAllowed(String username, String address) {
		Instant now = clock.instant();
		Document pair = mongo.findById(pairId(username, address), Document.class, COLLECTION);
		Instant pairAllowed = instant(pair, "nextAllowed");
		if (pairAllowed != null && pairAllowed.isAfter(now)) {
			throw new Locked(seconds(now, pairAllowed), "Too many failed logins for this account from your address.");
		}
		Instant lastSuccess = instant(pair, "lastSuccess");
		if (lastSuccess != null && lastSuccess.plus(policy.knownAddressFor()).isAfter(now)) {
			return;
		}
		Document user = mongo.findById(userId(username), Document.class, COLLECTION);
		if (user == null || user.get("failures", Number.class).intValue() < policy.usernameSoftLimit()
				|| instant(user, "windowStart").plus(policy.usernameWindow()).isBefore(now)) {
			return;
		}
		// one attempt per gap: whoever takes the slot moves it on
		Document slot = mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(userId(username))
					.orOperator(Criteria.where("slowedUntil").exists(false),
							Criteria.where("slowedUntil").lte(Date.from(now)))),
				new Update().set("slowedUntil", Date.from(now.plus(policy.usernameGap()))), Document.class, COLLECTION);
		if (slot == null) {
			throw new Locked(Math.max(1, policy.usernameGap().toSeconds()),
					"This account is under a password-guessing attack; logins from new addresses are slowed.");
		}
	}

	/**
	 * Counts a wrong password; the pair's wait grows from the failure after the free
	 * ones.
	 */
	void failed(String username, String address) {
		Instant now = clock.instant();
		String pairId = pairId(username, address);
		mongo.updateFirst(
				Query.query(
						Criteria.where("_id").is(pairId).and("lastFailure").lt(Date.from(now.minus(PAIR_IDLE_RESET)))),
				new Update().set("failures", 0), COLLECTION);
		Document pair = mongo.findAndModify(Query.query(Criteria.where("_id").is(pairId)),
				new Update().inc("failures", 1).set("lastFailure", Date.from(now)).set("username", username),
				FindAndModifyOptions.options().returnNew(true).upsert(true), Document.class, COLLECTION);
		Duration wait = delayAfter(pair.get("failures", Number.class).intValue());
		if (!wait.isZero()) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(pairId)),
					new Update().set("nextAllowed", Date.from(now.plus(wait))), COLLECTION);
		}
		String userId = userId(username);
		mongo.updateFirst(Query.query(
				Criteria.where("_id").is(userId).and("windowStart").lt(Date.from(now.minus(policy.usernameWindow())))),
				new Update().set("failures", 0).set("windowStart", Date.from(now)), COLLECTION);
		mongo.findAndModify(Query.query(Criteria.where("_id").is(userId)),
				new Update().inc("failures", 1).setOnInsert("windowStart", Date.from(now)),
				FindAndModifyOptions.options().upsert(true), Document.class, COLLECTION);
	}

	/** Clears the pair's failures and remembers the address as the owner's. */
	void succeeded(String username, String address) {
		mongo.upsert(Query.query(Criteria.where("_id").is(pairId(username, address))),
				new Update().set("failures", 0)
					.unset("nextAllowed")
					.set("lastSuccess", Date.from(clock.instant()))
					.set("username", username),
				COLLECTION);
	}

	/** Ends every wait of the username, from every address. */
	Cleared unlock(String username) {
		long addresses = mongo
			.updateMulti(Query.query(Criteria.where("username").is(username).and("failures").gt(0)),
					new Update().set("failures", 0).unset("nextAllowed"), COLLECTION)
			.getModifiedCount();
		Document user = mongo.findAndRemove(Query.query(Criteria.where("_id").is(userId(username))), Document.class,
				COLLECTION);
		boolean slowed = user != null && user.get("failures", Number.class).intValue() >= policy.usernameSoftLimit();
		return new Cleared(addresses, slowed);
	}

	/** The wait after the {@code failures}-th consecutive failure of a pair. */
	Duration delayAfter(int failures) {
		if (failures < policy.failuresBeforeDelay()) {
			return Duration.ZERO;
		}
		int doublings = failures - policy.failuresBeforeDelay();
		if (doublings >= 40) {
			return policy.maxDelay();
		}
		Duration delay = policy.firstDelay().multipliedBy(1L << doublings);
		return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
	}

	private static String pairId(String username, String address) {
		return "pair\n" + username + "\n" + address;
	}

	private static String userId(String username) {
		return "user\n" + username;
	}

	private static Instant instant(Document document, String field) {
		Date date = document == null ? null : document.getDate(field);
		return date == null ? null : date.toInstant();
	}

	private static long seconds(Instant now, Instant until) {
		return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
	}

}
