package dev.truthordare.cms.importing;

import dev.truthordare.cms.content.ContentDraft;
import dev.truthordare.cms.content.ContentExceptions;
import dev.truthordare.cms.content.ContentService;
import dev.truthordare.cms.content.quality.NearDuplicateIndex;
import dev.truthordare.cms.web.BadRequestException;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Bulk import of the original API's data, all or nothing: every item is checked first (same validator as every
 * other entry point); if any is rejected nothing is imported. Items are keyed by their original id, so importing
 * the same file again imports nothing new.
 */
@Service
class ImportService {

    static class BadImport extends BadRequestException {
        BadImport(String message) {
            super(message);
        }
    }

    record Outcome(String type, String originalId, String id, String reason, String duplicateOf) {
    }

    record Report(int importedCount, int skippedCount, int rejectedCount, List<Outcome> imported,
            List<Outcome> skipped, List<Outcome> rejected) {
    }

    private static final Pattern ORIGINAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final int MAX_ITEMS = 5_000;

    private record Accepted(String id, String importKey, ContentDraft draft, Outcome outcome) {
    }

    private final ContentService content;
    private final MongoTemplate mongo;
    private final double duplicateThreshold;

    ImportService(ContentService content, MongoTemplate mongo, NearDuplicateIndex index) {
        this.content = content;
        this.mongo = mongo;
        this.duplicateThreshold = index.threshold();
    }

    Report importAll(List<ImportController.OriginalItem> truths, List<ImportController.OriginalItem> dares,
            ContentStatus status, String admin) {
        List<ImportController.OriginalItem> truthList = truths == null ? List.of() : truths;
        List<ImportController.OriginalItem> dareList = dares == null ? List.of() : dares;
        if (truthList.isEmpty() && dareList.isEmpty()) {
            throw new BadImport("Nothing to import: give 'truths' and/or 'dares'.");
        }
        if (truthList.size() + dareList.size() > MAX_ITEMS) {
            throw new BadImport("At most " + MAX_ITEMS + " items per import.");
        }
        List<Accepted> accepted = new ArrayList<>();
        List<Outcome> skipped = new ArrayList<>();
        List<Outcome> rejected = new ArrayList<>();
        NearDuplicateIndex batch = new NearDuplicateIndex(duplicateThreshold);
        checkAll(ContentType.TRUTH, truthList, accepted, skipped, rejected, batch);
        checkAll(ContentType.DARE, dareList, accepted, skipped, rejected, batch);
        if (!rejected.isEmpty()) {
            return new Report(0, skipped.size(), rejected.size(), List.of(), skipped, rejected);
        }
        List<Outcome> imported = new ArrayList<>();
        for (Accepted item : accepted) {
            try {
                content.create(item.id(), item.draft(), status, admin, item.importKey());
                imported.add(item.outcome());
            } catch (DuplicateKeyException importedConcurrently) {
                skipped.add(new Outcome(item.outcome().type(), item.outcome().originalId(), item.id(),
                        "already imported", null));
            }
        }
        return new Report(imported.size(), skipped.size(), 0, imported, skipped, List.of());
    }

    private void checkAll(ContentType type, List<ImportController.OriginalItem> items, List<Accepted> accepted,
            List<Outcome> skipped, List<Outcome> rejected, NearDuplicateIndex batch) {
        for (ImportController.OriginalItem item : items) {
            String originalId = item == null ? null : item.id();
            String wire = type.wireName();
            if (item == null || originalId == null || !ORIGINAL_ID.matcher(originalId).matches()) {
                rejected.add(new Outcome(wire, originalId, null, "id must be 1–40 letters, digits, '_' or '-'", null));
                continue;
            }
            String id = "imported-" + wire + "-" + originalId;
            if (mongo.exists(Query.query(Criteria.where("_id").is(id)), "content")) {
                skipped.add(new Outcome(wire, originalId, id, "already imported", null));
                continue;
            }
            ContentDraft draft = new ContentDraft(wire, item.content(), "en", item.category(), item.difficulty(),
                    null, null, null, null, null, null, null, null, null);
            try {
                ContentDraft valid = content.check(draft, null);
                var twin = batch.findDuplicate(type, valid.content(), null);
                if (twin.isPresent()) {
                    skipped.add(new Outcome(wire, originalId, id, "duplicate within this import", twin.get().id()));
                    continue;
                }
                batch.put(id, type, valid.content());
                accepted.add(new Accepted(id, wire + ":" + originalId, valid, new Outcome(wire, originalId, id, null, null)));
            } catch (ContentExceptions.Duplicate duplicate) {
                skipped.add(new Outcome(wire, originalId, id, "duplicate", duplicate.duplicateOf()));
            } catch (ContentExceptions.Invalid invalid) {
                rejected.add(new Outcome(wire, originalId, id, describe(invalid.errors()), null));
            } catch (ContentExceptions.Banned banned) {
                rejected.add(new Outcome(wire, originalId, id, banned.getMessage(), null));
            }
        }
    }

    private static String describe(List<Map<String, String>> errors) {
        return errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid");
    }
}
