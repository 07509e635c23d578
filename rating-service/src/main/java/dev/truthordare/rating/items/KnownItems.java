package dev.truthordare.rating.items;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import dev.truthordare.web.problem.ApiProblem;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class KnownItems {

	/**
	 * Only approved items can be rated or reported; any other id is unknown to players.
	 */
	public static class NotApproved extends ApiProblem {

		NotApproved(String id) {
			super(HttpStatus.NOT_FOUND, "No approved item has id '" + id + "'.");
		}

	}

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	KnownItems(MongoTemplate mongo, ApplicationEventPublisher events) {
		this.mongo = mongo;
		this.events = events;
	}

	/**
	 * Keeps the newest state of each item in one conditional upsert, never
	 * read-then-write: during a rebalance two instances can handle the same item at once,
	 * and a write decided on an earlier read could put an older status back. When the
	 * stored version is this one or newer the upsert tries to insert a second document
	 * with the same id and is refused; the one retry covers a document created by someone
	 * else in between. An item that comes back to APPROVED from another status is
	 * announced ({@link ItemReapproved}).
	 */
	@KafkaListener(topics = Topics.CMS_CONTENT)
	void onContent(ContentSnapshot snapshot) {
		if (snapshot == null) {
			return;
		}
		Query olderOrMissing = Query
			.query(Criteria.where("_id").is(snapshot.id()).and("version").lt(snapshot.version()));
		Update newest = new Update().set("type", snapshot.type())
			.set("status", snapshot.status())
			.set("version", snapshot.version());
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				KnownItem previous = mongo.findAndModify(olderOrMissing, newest,
						FindAndModifyOptions.options().upsert(true).returnNew(false), KnownItem.class);
				if (previous != null && previous.status() != ContentStatus.APPROVED
						&& snapshot.status() == ContentStatus.APPROVED) {
					events.publishEvent(new ItemReapproved(snapshot.id(), snapshot.version()));
				}
				return;
			}
			catch (DuplicateKeyException alreadyAsNew) {
				// decided by the second attempt
			}
		}
	}

	public Optional<KnownItem> approved(String id) {
		return Optional.ofNullable(mongo.findById(id, KnownItem.class))
			.filter(item -> item.status() == ContentStatus.APPROVED);
	}

	/**
	 * The item, if it is live; otherwise a 404 problem: only approved items can be rated
	 * or reported.
	 */
	public KnownItem requireApproved(String id) {
		return approved(id).orElseThrow(() -> new NotApproved(id));
	}

	/** Which of {@code ids} are approved items. */
	public Set<String> approvedAmong(Collection<String> ids) {
		return mongo
			.find(Query.query(Criteria.where("_id").in(ids).and("status").is(ContentStatus.APPROVED)), KnownItem.class)
			.stream()
			.map(KnownItem::id)
			.collect(Collectors.toSet());
	}

}
