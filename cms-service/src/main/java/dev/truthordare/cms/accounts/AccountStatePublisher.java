package dev.truthordare.cms.accounts;

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
 * Publishes every account whose current state is not yet on {@code cms.accounts.v1}, so
 * the gateway and translation-service refuse a revoked token everywhere.
 */
@Component
class AccountStatePublisher extends MarkedStatePublisher<Account> {

	AccountStatePublisher(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
		super("account-states", Account.class, mongo, kafka, properties);
	}

	@Override
	protected ProducerRecord<String, Object> record(Account account) {
		return CloudEvents.record(EventType.ACCOUNT_STATE, account.username(), account.state(), source());
	}

	@Override
	protected void markPublished(MongoTemplate mongo, Account sent) {
		// an account stored before versions existed has none: it is published as version
		// 0
		Criteria sameState = sent.version() == 0 ? Criteria.where("version").exists(false)
				: Criteria.where("version").is(sent.version());
		mongo.updateFirst(Query.query(Criteria.where("_id").is(sent.username()).andOperator(sameState)),
				new Update().set("published", true)
					.set("version", sent.version())
					.set("tokenVersion", sent.tokenVersion()),
				Account.class);
	}

}
