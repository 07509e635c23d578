package dev.truthordare.cms.outbox;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An outbox of one "published" mark per document, for the compacted state topics
 * (accounts, flags): every document whose current state is not yet on its topic is sent,
 * then marked. Each record is a document's whole state, so only its latest state needs
 * sending; a change made while a send is in flight leaves the mark unset (the subclass's
 * mark is conditional on the version sent) and is sent on the next round. While Kafka is
 * down nothing is lost, only late. Not the content {@link OutboxRelay}, which sends every
 * event of an item in order.
 *
 * <p>
 * One instance publishes at a time, the holder of the store lease named after the
 * publisher: two could send an older state after a newer one, and on a compacted topic
 * the older would stay.
 *
 * @param <D> the stored document
 */
public abstract class MarkedStatePublisher<D> {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final String name;

	private final Class<D> documentType;

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, Object> kafka;

	private final OutboxProperties properties;

	private final ScheduledExecutorService executor;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final StoreLease lease;

	private volatile boolean stopping;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	/**
	 * @param name names the lease and the publishing thread
	 */
	protected MarkedStatePublisher(String name, Class<D> documentType, MongoTemplate mongo,
			KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
		this.name = name;
		this.documentType = documentType;
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.lease = new StoreLease(mongo, name, properties.leaseTtl());
		this.executor = Executors
			.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable));
	}

	/** The record that carries the document's current state. */
	protected abstract ProducerRecord<String, Object> record(D document);

	/**
	 * Sets the document's mark, unless it changed since {@code sent} was read.
	 */
	protected abstract void markPublished(MongoTemplate mongo, D sent);

	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		long interval = properties.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::publishPending, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Publishes soon, without waiting for the next round; calls while one is queued
	 * coalesce.
	 */
	public void wakeUp() {
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

	public void publishPending() {
		try {
			if (stopping || !lease.acquireOrRenew()) {
				return;
			}
			List<D> pending = mongo.find(Query.query(Criteria.where("published").ne(true)), documentType);
			for (D document : pending) {
				if (stopping || !lease.acquireOrRenew() || !lease.stillHeld()) {
					return;
				}
				kafka.send(record(document)).get(10, TimeUnit.SECONDS);
				markPublished(mongo, document);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Exception e) {
			Instant now = Instant.now();
			if (now.isAfter(lastFailureLogged.plusSeconds(60))) {
				lastFailureLogged = now;
				log.warn("{} cannot be published yet; they will be: {}", name, e.getMessage());
			}
		}
	}

	/** Finishes the document being sent, then hands the lease on. */
	@PreDestroy
	public void stop() {
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

	protected String source() {
		return properties.source();
	}

}
