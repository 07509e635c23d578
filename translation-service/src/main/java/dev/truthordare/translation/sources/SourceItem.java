package dev.truthordare.translation.sources;

import dev.truthordare.events.ContentStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The source text of an item as CMS last published it; translations are measured against
 * the approved ones.
 */
@Document("source_items")
public record SourceItem(@Id String id, String content, String language, ContentStatus status, long version,
		Instant createdAt) {
}
