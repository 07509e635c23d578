package dev.truthordare.cms.content;

import dev.truthordare.events.ContentStatus;
import java.time.Instant;

/**
 * One action taken on an item; kept inside the item, append-only, written in the same
 * write as the change.
 */
public record HistoryEntry(Instant at, String actor, String action, ContentStatus fromStatus, ContentStatus toStatus,
		String reasonCode, String reason, String oldContent, String newContent, long version) {
}
