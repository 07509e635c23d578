package dev.truthordare.cms.flags;

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
 * Publishes every flag whose current state is not yet on {@code flags.v1}: the same
 * outbox as the account states (a "published" mark per document), not the content
 * {@code OutboxRelay}, which reads content items only. The topic is compacted and each
 * record is a flag's whole state, so only a flag's latest state needs sending; a change
 * made while a send is in flight leaves the mark unset (the write is conditional on the
 * version sent) and is sent on the next round. While Kafka is down nothing is lost, only
 * late: the change is stored and audited, and published when the broker is back.
 *
 * <p>
 * One instance publishes at a time, the holder of the {@code flag-states}
 * {@link StoreLease}: two could send an older state after a newer one (readers keep the
 * highest version, but the compacted topic would keep the last record).
 */
@Component
class FlagStatePublisher {

	private static final Logger log = LoggerFactory.getLogger(FlagStatePublisher.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, Object> kafka;

	private final OutboxProperties properties;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
			runnable -> Thread.ofPlatform().name("flag-states").daemon().unstarted(runnable));

	private final AtomicBoolean queued = new AtomicBoolean();

	private final StoreLease lease;

	private volatile boolean stopping;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	FlagStatePublisher(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.lease = new StoreLease(mongo, "flag-states", properties.leaseTtl());
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long interval = properties.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::publishPending, 0, interval, TimeUnit.MILLISECONDS);
	}

	/** Publishes soon; calls while one is queued coalesce. */
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
			List<StoredFlag> pending = mongo.find(Query.query(Criteria.where("published").ne(true)), StoredFlag.class);
			for (StoredFlag flag : pending) {
				if (stopping || !lease.acquireOrRenew() || !lease.stillHeld()) {
					return;
				}
				kafka.send(CloudEvents.record(EventType.FLAG_STATE, flag.key(), flag.state(), properties.source()))
					.get(10, TimeUnit.SECONDS);
				mongo.updateFirst(
						Query.query(
								Criteria.where("_id").is(flag.key()).and("state.version").is(flag.state().version())),
						new Update().set("published", true), StoredFlag.class);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Exception e) {
			Instant now = Instant.now();
			if (now.isAfter(lastFailureLogged.plusSeconds(60))) {
				lastFailureLogged = now;
				log.warn("Flag states cannot be published yet; they will be: {}", e.getMessage());
			}
		}
	}

	/** Finishes the flag being sent, then hands the lease on. */
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
