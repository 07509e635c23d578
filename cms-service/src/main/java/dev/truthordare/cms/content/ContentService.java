package dev.truthordare.cms.content;

import dev.truthordare.cms.outbox.OutboxEvent;
import dev.truthordare.cms.outbox.OutboxRelay;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.ModerationDecision;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

@Service
public class ContentService {

    private final ContentRepository repository;
    private final ContentValidator validator;
    private final OutboxRelay relay;

    ContentService(ContentRepository repository, ContentValidator validator, OutboxRelay relay) {
        this.repository = repository;
        this.validator = validator;
        this.relay = relay;
    }

    public ContentItem create(ContentDraft draft, ContentStatus status, String actor) {
        return create(UUID.randomUUID().toString(), draft, status, actor);
    }

    /** Creates an item with a chosen id; fails with DuplicateKeyException if that id exists. */
    public ContentItem create(String id, ContentDraft draft, ContentStatus status, String actor) {
        ContentDraft valid = validator.validate(draft);
        Instant now = Instant.now();
        ContentItem item = new ContentItem();
        item.setId(id);
        item.setType(ContentType.fromWire(valid.type()));
        item.setContent(valid.content());
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
        item.setStatus(status);
        item.setSubmittedBy(actor);
        item.setCreatedAt(now);
        item.setUpdatedAt(now);
        item.getOutbox().add(OutboxEvent.of(EventType.CONTENT_SNAPSHOT, id, item.snapshotForNextVersion()));
        ContentItem saved = repository.insert(item);
        relay.wakeUp();
        return saved;
    }

    public ContentItem get(String id) {
        return repository.findById(id).orElseThrow(() -> new ContentExceptions.NotFound(id));
    }

    /**
     * Applies a moderation action. The new state and both events announcing it (the snapshot and the decision)
     * are one document write; a concurrent change makes the versioned save fail instead of overwriting it.
     */
    public ContentItem moderate(String id, Lifecycle action, ModerationRequest request, Long expectedVersion,
            String moderator) {
        ContentItem item = get(id);
        if (expectedVersion != null && !expectedVersion.equals(item.getVersion())) {
            throw new ContentExceptions.VersionMismatch(item.getVersion());
        }
        ContentStatus from = item.getStatus();
        if (!action.allowedFrom(from)) {
            throw new ContentExceptions.IllegalTransition(action.wireName(), from, Lifecycle.actionsFrom(from));
        }
        Instant now = Instant.now();
        item.setStatus(action.target());
        item.setUpdatedAt(now);
        var snapshot = item.snapshotForNextVersion();
        item.getOutbox().add(OutboxEvent.of(EventType.CONTENT_SNAPSHOT, id, snapshot));
        item.getOutbox().add(OutboxEvent.of(EventType.MODERATION_DECISION, id, new ModerationDecision(id,
                action.wireName(), from, action.target(), moderator, request == null ? null : request.reasonCode(),
                request == null ? null : request.reason(), now, snapshot.version())));
        ContentItem saved = repository.save(item);
        relay.wakeUp();
        return saved;
    }
}
