package dev.truthordare.cms.submissions;

import dev.truthordare.cms.content.ContentDraft;
import dev.truthordare.cms.content.ContentExceptions;
import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.cms.content.ContentService;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.web.problem.ProblemResponses;
import dev.truthordare.web.request.ClientAddresses;
import dev.truthordare.web.request.ClientIds;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Players propose items; each waits PENDING in the moderation queue. */
@RestController
class SubmissionController {

	private static final Duration WINDOW = Duration.ofHours(1);

	record SubmissionRequest(String type, String content, String category, String difficulty, String ageRating,
			List<String> tags, Integer durationMinutes, List<String> propsRequired, Boolean indoorSuitable,
			Boolean outdoorSuitable, ContentSnapshot.GroupSize groupSize) {
	}

	private final ContentService content;

	private final MongoTemplate mongo;

	private final int perClientPerHour;

	private final int perAddressPerHour;

	SubmissionController(ContentService content, MongoTemplate mongo,
			@Value("${cms.submissions.per-client-per-hour}") int perClientPerHour,
			@Value("${cms.submissions.per-address-per-hour}") int perAddressPerHour) {
		this.content = content;
		this.mongo = mongo;
		this.perClientPerHour = perClientPerHour;
		this.perAddressPerHour = perAddressPerHour;
	}

	@PostMapping("/api/v1/submissions")
	ResponseEntity<?> submit(@RequestBody SubmissionRequest request,
			@RequestHeader(name = ClientIds.HEADER, required = false) String clientId, HttpServletRequest http) {
		ClientIds.require(clientId);
		ContentDraft draft = checked(
				new ContentDraft(request.type(), request.content(), "en", request.category(), request.difficulty(),
						null, request.ageRating(), request.tags(), request.durationMinutes(), request.propsRequired(),
						request.indoorSuitable(), request.outdoorSuitable(), request.groupSize(), null));
		// the client's quota first, so a submission it refuses costs the address nothing;
		// invented client ids end at the address's quota (IPv4 address, IPv6 /64)
		Instant windowEnd = takeQuota(clientId, perClientPerHour);
		String address = ClientAddresses.network(ClientAddresses.of(http), 32, 64);
		boolean addressFull = windowEnd == null
				&& (windowEnd = takeQuota("address:" + address, perAddressPerHour)) != null;
		if (windowEnd != null) {
			long retryAfter = Math.max(1, Duration.between(Instant.now(), windowEnd).toSeconds());
			ProblemDetail problem = ProblemResponses.problem(http, HttpStatus.TOO_MANY_REQUESTS,
					addressFull
							? "At most " + perAddressPerHour
									+ " submissions per hour from one address; try again later."
							: "At most " + perClientPerHour + " submissions per hour; try again later.");
			problem.setProperty("retry_after_seconds", retryAfter);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", Long.toString(retryAfter))
				.body(problem);
		}
		ContentItem item = content.create(java.util.UUID.randomUUID().toString(), draft, ContentStatus.PENDING,
				"client:" + clientId, null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", item.getId());
		body.put("status", item.getStatus());
		body.put("message", "Thanks! Your " + item.getType().wireName() + " waits for a moderator.");
		return ResponseEntity.created(URI.create("/api/v1/submissions/" + item.getId())).body(body);
	}

	/**
	 * A duplicate of a live item names it (players can see it anyway); a duplicate of a
	 * hidden one must not tell an anonymous caller that item's id.
	 */
	private ContentDraft checked(ContentDraft draft) {
		try {
			return content.check(draft, null);
		}
		catch (ContentExceptions.Duplicate duplicate) {
			if (content.get(duplicate.duplicateOf()).getStatus() == ContentStatus.APPROVED) {
				throw duplicate;
			}
			throw new ContentExceptions.HiddenDuplicate();
		}
	}

	/**
	 * Counts the submission in the client's current hourly window with one atomic
	 * increment, so parallel requests cannot slip past the limit. Returns the window's
	 * end when the limit is already used up.
	 */
	private Instant takeQuota(String clientId, int perHour) {
		long windowStart = Instant.now().getEpochSecond() / WINDOW.toSeconds() * WINDOW.toSeconds();
		Instant windowEnd = Instant.ofEpochSecond(windowStart + WINDOW.toSeconds());
		Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(clientId + "@" + windowStart)),
				new Update().inc("count", 1).set("expiresAt", windowEnd),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, "submission_quota");
		return counter.get("count", Number.class).intValue() > perHour ? windowEnd : null;
	}

}
