package dev.truthordare.translation.sources;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import dev.truthordare.translation.translations.TranslationWorkflow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class SourceItems {

	private final MongoTemplate mongo;

	private final TranslationWorkflow translations;

	SourceItems(MongoTemplate mongo, TranslationWorkflow translations) {
		this.mongo = mongo;
		this.translations = translations;
	}

	/**
	 * Keeps the newest snapshot of each item. When a newer version changes the source
	 * text, the item's translations are marked OUTDATED first and the new source stored
	 * second, so a redelivery after a crash repeats the marking. The store is one
	 * conditional upsert, not a save of what was read: during a rebalance two instances
	 * can handle the same item at once, and the one holding the older version must not
	 * overwrite the newer source.
	 */
	@KafkaListener(topics = Topics.CMS_CONTENT)
	void onContent(ContentSnapshot snapshot) {
		if (snapshot == null) {
			return;
		}
		SourceItem current = mongo.findById(snapshot.id(), SourceItem.class);
		if (current != null && current.version() >= snapshot.version()) {
			return;
		}
		if (current != null && !Objects.equals(current.content(), snapshot.content())) {
			translations.sourceChanged(snapshot.id(), snapshot.version());
		}
		storeIfNewer(snapshot);
	}

	/**
	 * When the stored version is this one or newer, the upsert tries to insert a second
	 * document with the same id and is refused; the one retry covers a document another
	 * instance created in between.
	 */
	private void storeIfNewer(ContentSnapshot snapshot) {
		Query olderOrMissing = Query
			.query(Criteria.where("_id").is(snapshot.id()).and("version").lt(snapshot.version()));
		Update newest = new Update().set("content", snapshot.content())
			.set("language", snapshot.language())
			.set("status", snapshot.status())
			.set("version", snapshot.version())
			.set("createdAt", snapshot.createdAt());
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				mongo.upsert(olderOrMissing, newest, SourceItem.class);
				return;
			}
			catch (DuplicateKeyException alreadyAsNew) {
				// decided by the second attempt
			}
		}
	}

	public List<String> approvedIds() {
		return mongo.find(approved(), SourceItem.class).stream().map(SourceItem::id).toList();
	}

	public List<SourceItem> approvedItems() {
		return mongo.find(approved(), SourceItem.class);
	}

	public Optional<SourceItem> find(String id) {
		return Optional.ofNullable(mongo.findById(id, SourceItem.class));
	}

	private static Query approved() {
		return Query.query(Criteria.where("status").is(ContentStatus.APPROVED));
	}

}
