package dev.truthordare.cms.accounts;

import dev.truthordare.cms.outbox.OutboxProperties;
import dev.truthordare.cms.outbox.StoreLease;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every account whose current state is not yet on {@code cms.accounts.v1}: an
 * outbox of one flag per account. The topic is compacted and each record is the whole
 * state, so only the latest state of an account needs sending; a change made while a send
 * is in flight leaves the flag unset (the write is conditional on the version sent) and
 * is sent on the next round. While Kafka is down nothing is lost, only late.
 *
 * <p>
 * One instance publishes at a time, the holder of the {@code account-states}
 * {@link StoreLease}: two could send an older state after a newer one, and on a compacted
 * topic the older would stay.
 */
@Component
class AccountStatePublisher {

	private static final Logger log = LoggerFactory.getLogger(AccountStatePublisher.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, Object> kafka;

	private final OutboxProperties properties;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
			runnable -> Thread.ofPlatform().name("account-states").daemon().unstarted(runnable));

	private final AtomicBoolean queued = new AtomicBoolean();

	private final StoreLease lease;

	private volatile boolean stopping;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	AccountStatePublisher(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.lease = new StoreLease(mongo, "account-states", properties.leaseTtl());
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long interval = properties.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::publishPending, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Publishes soon, without waiting for the next round; calls while one is queued
	 * coalesce.
	 */
	void wakeUp() {
		if (!stopping && queued.compareAndSet(false, true)) {
			try {
				executor.execute(() -> {
					queued.set(false);
					publishPending();
				});
			}
			catch (RejectedExecutionException stoppedMeanwhile) {
				// the change is stored; whichever instance publishes next sends it
			}
		}
	}

	void publishPending() {
		try {
			if (stopping || !lease.acquireOrRenew()) {
				return;
			}
			List<Account> pending = mongo.find(Query.query(Criteria.where("published").ne(true)), Account.class);
			for (Account account : pending) {
				if (stopping || !lease.acquireOrRenew() || !lease.stillHeld()) {
					return;
				}
				kafka
					.send(CloudEvents.record(EventType.ACCOUNT_STATE, account.username(), account.state(),
							properties.source()))
					.get(10, TimeUnit.SECONDS);
				// an account stored before versions existed has none: it is published as
				// version 0
				Criteria sameState = account.version() == 0 ? Criteria.where("version").exists(false)
						: Criteria.where("version").is(account.version());
				mongo.updateFirst(Query.query(Criteria.where("_id").is(account.username()).andOperator(sameState)),
						new Update().set("published", true)
							.set("version", account.version())
							.set("tokenVersion", account.tokenVersion()),
						Account.class);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Exception e) {
			Instant now = Instant.now();
			if (now.isAfter(lastFailureLogged.plusSeconds(60))) {
				lastFailureLogged = now;
				log.warn("Account states cannot be published yet; they will be: {}", e.getMessage());
			}
		}
	}

	/** Finishes the account being sent, then hands the lease on. */
	@PreDestroy
	void stop() {
		stopping = true;
		executor.shutdown();
		try {
			if (executor.awaitTermination(15, TimeUnit.SECONDS)) {
				lease.release();
				return;
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		executor.shutdownNow();
	}

}
