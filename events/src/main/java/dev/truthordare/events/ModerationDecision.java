package dev.truthordare.events;

import java.time.Instant;

/** Value of {@link Topics#CMS_MODERATION}: one decision taken on an item. */
public record ModerationDecision(String contentId, String action, ContentStatus fromStatus, ContentStatus toStatus,
		String moderator, String reasonCode, String reason, Instant at, long version) {
}
