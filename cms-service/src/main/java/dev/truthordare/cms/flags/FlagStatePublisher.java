package dev.truthordare.cms.flags;

import dev.truthordare.cms.outbox.MarkedStatePublisher;
import dev.truthordare.cms.outbox.OutboxProperties;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every flag whose current state is not yet on {@code flags.v1}, with the same
 * "published" mark as the account states. A change made while Kafka is down is stored and
 * audited, and published when the broker is back. Readers keep the highest version, but
 * the compacted topic keeps the last record: hence one publisher at a time.
 */
@Component
class FlagStatePublisher extends MarkedStatePublisher<StoredFlag> {

	FlagStatePublisher(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
		super("flag-states", StoredFlag.class, mongo, kafka, properties);
	}

	@Override
	protected ProducerRecord<String, Object> record(StoredFlag flag) {
		return CloudEvents.record(EventType.FLAG_STATE, flag.key(), flag.state(), source());
	}

	@Override
	protected void markPublished(MongoTemplate mongo, StoredFlag sent) {
		mongo.updateFirst(
				Query.query(Criteria.where("_id").is(sent.key()).and("state.version").is(sent.state().version())),
				new Update().set("published", true), StoredFlag.class);
	}

}
