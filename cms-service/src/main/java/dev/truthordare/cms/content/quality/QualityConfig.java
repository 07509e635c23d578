package dev.truthordare.cms.content.quality;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.wordfilter.BannedWords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@Configuration
class QualityConfig {

	@Bean
	BannedWords bannedWords(QualityProperties properties) {
		return new BannedWords(properties.bannedWords(), properties.allowedWords());
	}

	/**
	 * Built from every non-rejected item at start; ContentService keeps it current with
	 * each write.
	 */
	@Bean
	NearDuplicateIndex nearDuplicateIndex(QualityProperties properties, MongoTemplate mongo) {
		NearDuplicateIndex index = new NearDuplicateIndex(properties.duplicateThreshold());
		Query live = Query.query(Criteria.where("status").ne(ContentStatus.REJECTED));
		live.fields().include("_id", "type", "content");
		mongo.stream(live, org.bson.Document.class, "content")
			.forEach(document -> index.put(document.getString("_id"),
					dev.truthordare.events.ContentType.valueOf(document.getString("type")),
					document.getString("content")));
		return index;
	}

}
