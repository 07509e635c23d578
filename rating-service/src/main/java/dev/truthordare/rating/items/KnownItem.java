package dev.truthordare.rating.items;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What rating-service knows of an item from the CMS stream: enough to accept ratings only
 * for live items.
 */
@Document("known_items")
public record KnownItem(@Id String id, ContentType type, ContentStatus status, long version) {
}
