package dev.truthordare.cms.content.numbering;

import dev.truthordare.cms.content.CatalogueSeeder;
import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.cms.content.ContentRepository;
import dev.truthordare.cms.outbox.OutboxEvent;
import dev.truthordare.cms.outbox.OutboxRelay;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * At every start, after seeding: items stored before legacy numbers existed get one (seed
 * items the number in their id, items imported with a numeric original id that id, the
 * rest the next free number, oldest first), announced as a new version so the read side
 * learns it. Idempotent, and safe with several instances starting together.
 */
@Component
@Order(2)
public class LegacyNumberBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LegacyNumberBackfill.class);

	private static final int ATTEMPTS = 5;

	private final MongoTemplate mongo;

	private final ContentRepository repository;

	private final LegacyNumbers numbers;

	private final OutboxRelay relay;

	LegacyNumberBackfill(MongoTemplate mongo, ContentRepository repository, LegacyNumbers numbers, OutboxRelay relay) {
		this.mongo = mongo;
		this.repository = repository;
		this.numbers = numbers;
		this.relay = relay;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (ContentType type : ContentType.values()) {
			// the counters may be younger than the numbers (a restored database): never
			// hand out one in use
			Query highest = Query.query(Criteria.where("type").is(type).and(LegacyNumbers.NUMBER_FIELD).exists(true))
				.with(Sort.by(Sort.Direction.DESC, LegacyNumbers.NUMBER_FIELD))
				.limit(1);
			highest.fields().include(LegacyNumbers.NUMBER_FIELD);
			Document top = mongo.findOne(highest, Document.class, "content");
			if (top != null && top.get(LegacyNumbers.NUMBER_FIELD) instanceof Number number) {
				numbers.reserve(type, number.intValue());
			}
		}
		Query unnumbered = Query.query(Criteria.where(LegacyNumbers.NUMBER_FIELD).exists(false))
			.with(Sort.by("createdAt", "_id"));
		unnumbered.fields().include("_id");
		List<String> ids = mongo.find(unnumbered, Document.class, "content")
			.stream()
			.map(document -> document.getString("_id"))
			.toList();
		// numbers their ids promise first, so that a later item's next free number cannot
		// take one of them
		ids.stream()
			.filter(id -> repository.findById(id).map(LegacyNumberBackfill::promised).orElse(null) != null)
			.forEach(this::assign);
		ids.forEach(this::assign);
		if (!ids.isEmpty()) {
			log.info("Legacy numbers given to {} item(s) stored before they existed", ids.size());
		}
	}

	/**
	 * The number an item's origin promises: a seed id's number, or the numeric id it was
	 * imported under.
	 */
	static Integer promised(ContentItem item) {
		if (CatalogueSeeder.SEED_ACTOR.equals(item.getSubmittedBy())) {
			return LegacyNumbers.fromSeedId(item.getId());
		}
		String key = item.getImportKey();
		if (key != null && key.matches("(truth|dare):0*[1-9][0-9]{0,8}")) {
			return Integer.valueOf(key.substring(key.indexOf(':') + 1));
		}
		return null;
	}

	private void assign(String id) {
		boolean tryPromised = true;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			ContentItem item = repository.findById(id).orElse(null);
			if (item == null || item.getLegacyId() != null) {
				return;
			}
			Integer wanted = tryPromised ? promised(item) : null;
			int number;
			if (wanted != null) {
				numbers.reserve(item.getType(), wanted);
				number = wanted;
			}
			else {
				number = numbers.next(item.getType());
			}
			item.setLegacyId(number);
			item.setLegacyKey(LegacyNumbers.key(item.getType(), number));
			item.getOutbox().add(OutboxEvent.of(EventType.CONTENT_SNAPSHOT, id, item.snapshotForNextVersion()));
			try {
				repository.save(item);
				relay.wakeUp();
				return;
			}
			catch (DuplicateKeyException taken) {
				tryPromised = false; // another item already holds it: this one takes the
										// next free number
			}
			catch (OptimisticLockingFailureException changed) {
				// changed meanwhile, perhaps numbered by another instance: read it again
			}
		}
		log.warn("Item {} got no legacy number after {} attempts; the next start tries again", id, ATTEMPTS);
	}

}
