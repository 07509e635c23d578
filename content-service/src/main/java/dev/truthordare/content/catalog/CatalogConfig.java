package dev.truthordare.content.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class CatalogConfig {

	/**
	 * Built from this service's own projection at start, before the stream consumers run;
	 * they then keep it current. Every instance consumes the whole compacted
	 * {@code cms.content.v1} with its own consumer group, so several instances converge
	 * on the same index without talking to each other.
	 */
	@Bean
	ServableIndex servableIndex(MongoTemplate mongo) {
		ServableIndex index = new ServableIndex();
		try (var items = mongo.stream(new org.springframework.data.mongodb.core.query.Query(), ProjectedItem.class)) {
			items.forEach(index::put);
		}
		return index;
	}

}
