package dev.truthordare.cms.content;

import dev.truthordare.cms.content.numbering.LegacyNumbers;
import dev.truthordare.cms.content.quality.NearDuplicates;
import dev.truthordare.cms.content.quality.TextNormalizer;
import dev.truthordare.cms.outbox.OutboxEvent;
import dev.truthordare.cms.outbox.OutboxRelay;
import dev.truthordare.events.ContentReported;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.ModerationDecision;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Every change of an item goes through here: the new state, its history entry and the
 * events announcing it are one versioned document write, so a concurrent change fails
 * instead of being overwritten and nothing announced can be lost.
 *
 * <p>
 * Just over 300 lines: create, edit, moderate and re-import share that one write path,
 * which is the point of keeping them together.
 */
@Service
public class ContentService {

	public static final String SYSTEM_ACTOR = "system";

	private final ContentRepository repository;

	private final ContentValidator validator;

	private final NearDuplicates duplicates;

	private final OutboxRelay relay;

	private final LegacyNumbers numbers;

	ContentService(ContentRepository repository, ContentValidator validator, NearDuplicates duplicates,
			OutboxRelay relay, LegacyNumbers numbers) {
		this.repository = repository;
		this.validator = validator;
		this.duplicates = duplicates;
		this.relay = relay;
		this.numbers = numbers;
	}

	/** Validates a draft completely, duplicates included, without storing anything. */
	public ContentDraft check(ContentDraft draft, String ignoredId) {
		ContentDraft valid = validator.validate(draft);
		duplicates.findDuplicate(ContentType.fromWire(valid.type()), valid.content(), ignoredId).ifPresent(match -> {
			throw new ContentExceptions.Duplicate(match.id(), match.similarity());
		});
		return valid;
	}

	public ContentItem create(ContentDraft draft, ContentStatus status, String actor) {
		return create(UUID.randomUUID().toString(), check(draft, null), status, actor, null);
	}

	/**
	 * Creates an already checked draft with a chosen id; fails with DuplicateKeyException
	 * if that id exists.
	 */
	public ContentItem create(String id, ContentDraft valid, ContentStatus status, String actor, String importKey) {
		return create(id, valid, status, actor, importKey, null);
	}

	/**
	 * Creates an already checked draft with a chosen id and legacy number ({@code null}:
	 * the next free one of its type). Fails with DuplicateKeyException if the id exists,
	 * and with {@link ContentExceptions.LegacyNumberTaken} if a chosen number belongs to
	 * another item.
	 */
	public ContentItem create(String id, ContentDraft valid, ContentStatus status, String actor, String importKey,
			Integer legacyNumber) {
		ContentType type = ContentType.fromWire(valid.type());
		if (legacyNumber != null) {
			numbers.reserve(type, legacyNumber);
		}
		for (int attempt = 1;; attempt++) {
			int number = legacyNumber != null ? legacyNumber : numbers.next(type);
			Instant now = Instant.now();
			ContentItem item = new ContentItem();
			item.setId(id);
			item.setType(type);
			apply(item, valid);
			item.setStatus(status);
			item.setSubmittedBy(actor);
			item.setImportKey(importKey);
			item.setLegacyId(number);
			item.setLegacyKey(LegacyNumbers.key(type, number));
			item.setCreatedAt(now);
			item.setUpdatedAt(now);
			record(item, actor, "create", null, null, null, null, item.getContent(), now);
			try {
				ContentItem saved = repository.insert(item);
				relay.wakeUp();
				return saved;
			}
			catch (DuplicateKeyException clash) {
				if (repository.existsById(id)) {
					throw clash;
				}
				if (legacyNumber != null) {
					throw new ContentExceptions.LegacyNumberTaken(type, legacyNumber);
				}
				if (attempt >= 5) {
					throw clash;
				}
				// a concurrent import claimed the number we were given: take the next one
			}
		}
	}

	/**
	 * Applies what a re-imported file says about an item it created before: one new
	 * version, audited as {@code import}. Changed text goes back through moderation
	 * (PENDING; an archived item stays archived); changes to other fields keep the
	 * status.
	 */
	public ContentItem reimport(String id, ContentDraft valid, boolean textChanged, String actor) {
		ContentItem item = get(id);
		String oldText = item.getContent();
		ContentStatus from = item.getStatus();
		ContentStatus to = textChanged && from != ContentStatus.ARCHIVED ? ContentStatus.PENDING : from;
		Instant now = Instant.now();
		apply(item, valid);
		item.setStatus(to);
		item.setUpdatedAt(now);
		record(item, actor, "import", from, null, null, textChanged ? oldText : null,
				textChanged ? item.getContent() : null, now);
		return save(item);
	}

	public ContentItem get(String id) {
		return repository.findById(id).orElseThrow(() -> new ContentExceptions.NotFound(id));
	}

	/**
	 * Edits text and fields ({@code null} keeps a field). An APPROVED item stays live
	 * only when a moderator edits it; otherwise it goes back to PENDING. A REJECTED item
	 * returns to PENDING for another review.
	 */
	public ContentItem edit(String id, ContentDraft changes, Long expectedVersion, String editor, boolean moderator) {
		ContentItem item = get(id);
		requireVersion(item, expectedVersion);
		if (changes.type() != null && !changes.type().equals(item.getType().wireName())) {
			throw new ContentExceptions.Invalid(java.util.List
				.of(java.util.Map.of("field", "type", "message", "cannot change; create a new item instead")));
		}
		ContentDraft merged = new ContentDraft(item.getType().wireName(),
				changes.content() != null ? changes.content() : item.getContent(),
				changes.language() != null ? changes.language() : item.getLanguage(),
				changes.category() != null ? changes.category() : item.getCategory(),
				changes.difficulty() != null ? changes.difficulty() : item.getDifficulty(),
				changes.difficultyLevel() != null ? changes.difficultyLevel() : item.getDifficultyLevel(),
				changes.ageRating() != null ? changes.ageRating() : item.getAgeRating(),
				changes.tags() != null ? changes.tags() : item.getTags(),
				changes.durationMinutes() != null ? changes.durationMinutes() : item.getDurationMinutes(),
				changes.propsRequired() != null ? changes.propsRequired() : item.getPropsRequired(),
				changes.indoorSuitable() != null ? changes.indoorSuitable() : item.getIndoorSuitable(),
				changes.outdoorSuitable() != null ? changes.outdoorSuitable() : item.getOutdoorSuitable(),
				changes.groupSize() != null ? changes.groupSize() : item.getGroupSize(),
				changes.safetyLevel() != null ? changes.safetyLevel() : item.getSafetyLevel());
		ContentDraft valid = check(merged, id);
		String oldText = item.getContent();
		ContentStatus from = item.getStatus();
		ContentStatus to = switch (from) {
			case APPROVED -> moderator ? ContentStatus.APPROVED : ContentStatus.PENDING;
			case REJECTED -> ContentStatus.PENDING;
			default -> from;
		};
		Instant now = Instant.now();
		apply(item, valid);
		item.setStatus(to);
		item.setUpdatedAt(now);
		record(item, editor, "edit", from, null, null, oldText, item.getContent(), now);
		return save(item);
	}

	/**
	 * Applies a moderation action after checking the reason rules and the optimistic
	 * lock.
	 */
	public ContentItem moderate(String id, Lifecycle action, ModerationRequest request, Long expectedVersion,
			String moderator) {
		String reasonCode = request == null ? null : request.reasonCode();
		String reason = request == null || request.reason() == null ? null : request.reason().strip();
		checkReason(action, reasonCode, reason);
		ContentItem item = get(id);
		requireVersion(item, expectedVersion);
		return transition(item, action, moderator, reasonCode, reason);
	}

	/**
	 * Folds a player report into the item (moderators see every report: the count and
	 * reasons are on the item, and reported items are in the queue). An APPROVED item is
	 * FLAGGED by the system, which takes it out of play until a moderator decides, only
	 * when rating-service says the reports are evidence enough ({@code hide}); a report
	 * from before rating-service decided ({@code hide} absent) is compared with
	 * {@code legacyThreshold} as it always was.
	 */
	public void applyReport(ContentReported report, long legacyThreshold) {
		ContentItem item = repository.findById(report.contentId()).orElse(null);
		if (item == null || report.reportCount() <= item.getReportCount()) {
			return; // unknown item, or a report already counted (re-delivery)
		}
		item.setReportCount(report.reportCount());
		item.getReportReasons().merge(report.reasonCode() == null ? "OTHER" : report.reasonCode(), 1L, Long::sum);
		boolean hide = report.hide() != null ? report.hide() : report.reportCount() >= legacyThreshold;
		if (item.getStatus() == ContentStatus.APPROVED && hide) {
			transition(item, Lifecycle.FLAG, SYSTEM_ACTOR, ReasonCode.OTHER.name(),
					report.reportCount() + " player reports: " + item.getReportReasons());
		}
		else {
			repository.save(item);
		}
	}

	private ContentItem transition(ContentItem item, Lifecycle action, String actor, String reasonCode, String reason) {
		ContentStatus from = item.getStatus();
		if (!action.allowedFrom(from)) {
			throw new ContentExceptions.IllegalTransition(action.wireName(), from, Lifecycle.actionsFrom(from));
		}
		Instant now = Instant.now();
		item.setStatus(action.target());
		item.setUpdatedAt(now);
		record(item, actor, action.wireName(), from, reasonCode, reason, null, null, now);
		return save(item);
	}

	private static void checkReason(Lifecycle action, String reasonCode, String reason) {
		boolean required = action == Lifecycle.REJECT || action == Lifecycle.FLAG;
		if (reasonCode == null) {
			if (required) {
				throw new ContentExceptions.BadReason("A reason_code is required to " + action.wireName() + ".");
			}
			return;
		}
		ReasonCode code = ReasonCode.parse(reasonCode)
			.orElseThrow(() -> new ContentExceptions.BadReason("Unknown reason_code '" + reasonCode + "'."));
		if (code == ReasonCode.OTHER && (reason == null || reason.isEmpty())) {
			throw new ContentExceptions.BadReason("reason_code OTHER needs a reason in free text.");
		}
	}

	private static void requireVersion(ContentItem item, Long expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(item.getVersion())) {
			throw new ContentExceptions.VersionMismatch(item.getVersion());
		}
	}

	private static void apply(ContentItem item, ContentDraft valid) {
		item.setContent(valid.content());
		item.setNormalizedText(TextNormalizer.forComparison(valid.content()));
		item.setBandKeys(NearDuplicates.keysOf(valid.content()));
		item.setLanguage(valid.language());
		item.setCategory(valid.category());
		item.setDifficulty(valid.difficulty());
		item.setDifficultyLevel(valid.difficultyLevel());
		item.setAgeRating(valid.ageRating());
		item.setTags(valid.tags());
		item.setDurationMinutes(valid.durationMinutes());
		item.setPropsRequired(valid.propsRequired());
		item.setIndoorSuitable(valid.indoorSuitable());
		item.setOutdoorSuitable(valid.outdoorSuitable());
		item.setGroupSize(valid.groupSize());
		item.setSafetyLevel(valid.safetyLevel());
	}

	/**
	 * Appends the history entry and, to the outbox, the snapshot of the version this
	 * write will create and the action itself for {@code cms.moderation.v1}.
	 */
	private static void record(ContentItem item, String actor, String action, ContentStatus from, String reasonCode,
			String reason, String oldText, String newText, Instant at) {
		ContentSnapshot snapshot = item.snapshotForNextVersion();
		item.getHistory()
			.add(new HistoryEntry(at, actor, action, from, item.getStatus(), reasonCode, reason, oldText, newText,
					snapshot.version()));
		item.getOutbox().add(OutboxEvent.of(EventType.CONTENT_SNAPSHOT, item.getId(), snapshot));
		item.getOutbox()
			.add(OutboxEvent.of(EventType.MODERATION_DECISION, item.getId(), new ModerationDecision(item.getId(),
					action, from, item.getStatus(), actor, reasonCode, reason, at, snapshot.version())));
	}

	private ContentItem save(ContentItem item) {
		ContentItem saved = repository.save(item);
		relay.wakeUp();
		return saved;
	}

}
