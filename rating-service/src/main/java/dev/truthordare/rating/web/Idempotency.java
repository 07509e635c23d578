package dev.truthordare.rating.web;

import dev.truthordare.web.problem.ApiProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for POSTs: the first request with a key (per client) runs and
 * its answer is stored for {@link #RETENTION}; a retry with the same key and the same
 * body gets that stored answer back (marked {@code Idempotent-Replayed: true}) and
 * changes nothing. The same key with a different body is a 422; a retry while the first
 * is still running is a 409 with {@code Retry-After}. A request that fails is forgotten,
 * so it may be retried. The key is claimed by inserting a document with a unique
 * {@code _id}, so two concurrent retries never both run. A claim names the instance that
 * holds it: a retry that finds the holder gone (its port refuses connections, or it is
 * this instance's previous life) takes the claim over at once, so the gateway's retry of
 * a request lost with a crashed instance succeeds instead of waiting out
 * {@link #ABANDONED_AFTER}.
 */
@Component
public class Idempotency implements ApplicationListener<WebServerInitializedEvent> {

	public static final String HEADER = "Idempotency-Key";
	static final String COLLECTION = "idempotency_keys";
	static final Duration RETENTION = Duration.ofHours(24);

	/**
	 * A claim older than this was left by a crashed instance; a retry may take it over.
	 * Just above the gateway's route timeout (10 s): by then no client still waits on the
	 * first attempt, and running a rating twice only replaces it with the same stars.
	 */
	private static final Duration ABANDONED_AFTER = Duration.ofSeconds(15);

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

	/** Long enough for a live instance on a busy machine to accept a connection. */
	private static final int PROBE_TIMEOUT_MILLIS = 500;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final String host;

	/** This process among the lives of its address: a restart on the same port. */
	private final String life = UUID.randomUUID().toString();

	private volatile String holder;

	Idempotency(MongoTemplate mongo, JsonMapper json, @Value("${server.address:}") String serverAddress) {
		this.mongo = mongo;
		this.json = json;
		this.host = serverAddress.isBlank() ? InetAddress.getLoopbackAddress().getHostAddress() : serverAddress;
		try {
			mongo.indexOps(COLLECTION).createIndex(new Index().on("created_at", Sort.Direction.ASC).expire(RETENTION));
		}
		catch (RuntimeException e) {
			log.warn("No TTL index on {}: {}", COLLECTION, e.getMessage());
		}
	}

	/**
	 * Runs {@code action} once per ({@code clientId}, {@code key}); {@code request} is
	 * the parsed body, compared as canonical JSON so whitespace or field order do not
	 * make a retry look different.
	 */
	public ResponseEntity<Object> once(String clientId, String key, String operation, Object request,
			Supplier<ResponseEntity<?>> action) {
		if (key == null) {
			return cast(action.get());
		}
		if (!KEY.matcher(key).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"Header Idempotency-Key must be 1–255 visible ASCII characters.", Map.of("header", HEADER));
		}
		String id = clientId + " " + key;
		String fingerprint = operation + " " + json.writeValueAsString(request);
		if (!claim(id, fingerprint)) {
			ResponseEntity<Object> replay = replay(id, fingerprint);
			if (replay != null) {
				return replay;
			}
		}
		ResponseEntity<?> answer;
		try {
			answer = action.get();
		}
		catch (RuntimeException e) {
			mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
			throw e;
		}
		Object body = answer.getBody() == null ? null : json.convertValue(answer.getBody(), Object.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("state", "DONE").set("status", answer.getStatusCode().value()).set("body", body),
				COLLECTION);
		return cast(answer);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			holder = host + ":" + event.getWebServer().getPort();
		}
	}

	private boolean claim(String id, String fingerprint) {
		try {
			mongo.insert(new Document("_id", id).append("fingerprint", fingerprint)
				.append("state", "IN_PROGRESS")
				.append("holder", holder)
				.append("life", life)
				.append("created_at", Instant.now()), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException alreadyClaimed) {
			return false;
		}
	}

	/**
	 * The stored answer, or null when an abandoned claim was taken over and the action
	 * should run now.
	 */
	private ResponseEntity<Object> replay(String id, String fingerprint) {
		Document stored = mongo.findById(id, Document.class, COLLECTION);
		if (stored == null) { // the first attempt failed and was forgotten meanwhile
			if (claim(id, fingerprint)) {
				return null;
			}
			stored = mongo.findById(id, Document.class, COLLECTION);
		}
		if (stored == null || !fingerprint.equals(stored.getString("fingerprint"))) {
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
					"This Idempotency-Key was already used with a different request; use a new key for a new request.",
					Map.of("header", HEADER));
		}
		if ("DONE".equals(stored.getString("state"))) {
			return ResponseEntity.status(stored.getInteger("status"))
				.header("Idempotent-Replayed", "true")
				.body(stored.get("body"));
		}
		Instant claimedAt = stored.getDate("created_at").toInstant();
		if ((claimedAt.isBefore(Instant.now().minus(ABANDONED_AFTER)) || holderIsGone(stored))
				&& mongo
					.updateFirst(
							Query.query(Criteria.where("_id")
								.is(id)
								.and("state")
								.is("IN_PROGRESS")
								.and("created_at")
								.is(stored.getDate("created_at"))),
							Update.update("created_at", Instant.now()), COLLECTION)
					.getModifiedCount() == 1) {
			return null;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		throw new ApiProblem(HttpStatus.CONFLICT,
				"A request with this Idempotency-Key is still being processed; retry shortly.",
				Map.of("header", HEADER), headers);
	}

	/**
	 * Whether the instance holding a claim is known to be gone: this instance's address
	 * in an earlier life, or an address whose port refuses connections. A holder that
	 * does not answer in time may only be slow, so it is not gone.
	 */
	private boolean holderIsGone(Document claim) {
		String claimHolder = claim.getString("holder");
		if (claimHolder == null) {
			return false;
		}
		if (claimHolder.equals(holder)) {
			return !life.equals(claim.getString("life"));
		}
		int colon = claimHolder.lastIndexOf(':');
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress(claimHolder.substring(0, colon),
					Integer.parseInt(claimHolder.substring(colon + 1))), PROBE_TIMEOUT_MILLIS);
			return false;
		}
		catch (ConnectException refused) {
			log.info("Idempotency key claim of {} taken over: its holder {} refuses connections", claim.get("_id"),
					claimHolder);
			return true;
		}
		catch (IOException | RuntimeException unknown) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Object> cast(ResponseEntity<?> answer) {
		return (ResponseEntity<Object>) answer;
	}

}
