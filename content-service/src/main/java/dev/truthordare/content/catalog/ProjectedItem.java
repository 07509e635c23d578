package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * content-service's own copy of an item: the latest CMS snapshot and the latest rating
 * summary, each written by its own consumer with a targeted update so neither overwrites
 * the other. Either may arrive first.
 */
@Document("items")
public record ProjectedItem(@Id String id, ContentSnapshot snapshot, Rating rating) {

	public record Rating(double average, long count, long version) {
	}

	public boolean isServable() {
		return snapshot != null && snapshot.isServable();
	}
}
