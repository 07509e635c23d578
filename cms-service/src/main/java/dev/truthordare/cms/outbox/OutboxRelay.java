package dev.truthordare.cms.outbox;

import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting in item documents, oldest item first and in order within
 * an item, and removes each from its document once Kafka has acknowledged it. When the
 * broker is down nothing is removed, so nothing is lost; a crash between publish and
 * removal re-sends, which consumers ignore by version.
 *
 * <p>
 * One instance relays at a time: the holder of the {@code outbox-relay}
 * {@link StoreLease}; the others try to take it at every poll and take over once the
 * holder has released it (on a graceful stop) or it has expired (the holder died). Two
 * relays at once would publish the same events twice and could interleave an item's
 * versions. A holder paused (GC, a frozen VM) past its lease while sending may still send
 * what the new holder sends too, once: consumers ignore a version they already have, and
 * removing sent events from the outbox is idempotent, so neither order nor state suffers.
 */
@Component
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 200;

	private static final int RECENTLY_SENT = 10_000;

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private static final TextMapGetter<OutboxEvent> TRACE_GETTER = new TextMapGetter<>() {
		@Override
		public Iterable<String> keys(OutboxEvent event) {
			return List.of("traceparent", "tracestate");
		}

		@Override
		public String get(OutboxEvent event, String key) {
			return event == null ? null : switch (key) {
				case "traceparent" -> event.traceparent();
				case "tracestate" -> event.tracestate();
				default -> null;
			};
		}
	};

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, Object> kafka;

	private final OutboxProperties properties;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
			runnable -> Thread.ofPlatform().name("outbox-relay").daemon().unstarted(runnable));

	private final AtomicBoolean drainQueued = new AtomicBoolean();

	private final StoreLease lease;

	/**
	 * The ids of the last events this relay published. A write that read its item before
	 * the relay removed sent events saves them back (the removal does not move the
	 * version, so the write's optimistic lock passes); they are removed again, not sent
	 * twice. Touched by the relay thread only.
	 */
	private final Set<String> recentlySent = Collections.newSetFromMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > RECENTLY_SENT;
		}
	});

	private volatile boolean stopping;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.lease = new StoreLease(mongo, "outbox-relay", properties.leaseTtl());
		// which instance relays, for operators: exactly one should say 1
		Gauge.builder("cms.outbox.relay.holder", this, relay -> relay.relaying() ? 1 : 0)
			.description("1 on the CMS instance that holds the outbox relay's lease and publishes events")
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long interval = properties.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Asks for a drain soon, without waiting for the next poll; calls made while one is
	 * queued coalesce.
	 */
	public void wakeUp() {
		if (!stopping && drainQueued.compareAndSet(false, true)) {
			try {
				executor.execute(() -> {
					drainQueued.set(false);
					drain();
				});
			}
			catch (RejectedExecutionException stoppedMeanwhile) {
				// the write is stored; whichever instance relays next publishes it
			}
		}
	}

	/** Whether this instance is the one relaying. */
	public boolean relaying() {
		return lease.stillHeld();
	}

	void drain() {
		try {
			List<ContentItem> items;
			do {
				if (stopping || !lease.acquireOrRenew()) {
					return;
				}
				items = mongo.find(pendingQuery().with(Sort.by("updatedAt")).limit(BATCH), ContentItem.class);
				for (ContentItem item : items) {
					if (stopping || !lease.acquireOrRenew()) {
						return;
					}
					publish(item);
				}
			}
			while (items.size() == BATCH);
		}
		catch (RuntimeException e) {
			logThrottled(e);
		}
	}

	private void publish(ContentItem item) {
		List<String> sent = new ArrayList<>();
		try {
			for (OutboxEvent event : item.getOutbox()) {
				if (recentlySent.contains(event.eventId())) {
					sent.add(event.eventId());
					continue;
				}
				if (!lease.stillHeld()) {
					return; // the rest waits for whoever holds the lease now
				}
				send(event);
				sent.add(event.eventId());
				recentlySent.add(event.eventId());
			}
		}
		finally {
			if (!sent.isEmpty()) {
				// by collection name, not entity class: removing sent events is no change
				// of the item, so its version (the ETag moderators hold) must not move
				mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
						new Update().pull("outbox", Query.query(Criteria.where("eventId").in(sent))),
						mongo.getCollectionName(ContentItem.class));
			}
		}
	}

	private void send(OutboxEvent event) {
		Context requestContext = W3CTraceContextPropagator.getInstance().extract(Context.root(), event, TRACE_GETTER);
		try (Scope ignored = requestContext.makeCurrent()) {
			ProducerRecord<String, Object> record = record(event);
			kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing " + event.eventId(), e);
		}
		catch (Exception e) {
			throw new IllegalStateException("Could not publish event " + event.eventId() + " to " + event.topic(), e);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private ProducerRecord<String, Object> record(OutboxEvent event) {
		EventType type = EventType.forTopic(event.topic())
			.orElseThrow(() -> new IllegalStateException("Unknown topic in outbox: " + event.topic()));
		Object value = EventJson.MAPPER.readValue(event.payload(), type.valueType());
		return CloudEvents.record(type, event.eventId(), event.key(), value, properties.source());
	}

	private static Query pendingQuery() {
		return Query.query(Criteria.where("outbox.0").exists(true));
	}

	private void logThrottled(RuntimeException e) {
		Instant now = Instant.now();
		if (now.isAfter(lastFailureLogged.plusSeconds(60))) {
			lastFailureLogged = now;
			log.warn("Outbox relay cannot publish yet; events stay stored and will be retried: {}", e.getMessage());
		}
	}

	/**
	 * Stops relaying after the item being published, keeping the lease: as an instance
	 * that dies would, except that nothing is half sent. The others take over when the
	 * lease expires.
	 */
	void halt() {
		stopping = true;
		executor.shutdown();
		try {
			if (!executor.awaitTermination(SEND_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			executor.shutdownNow();
		}
	}

	/**
	 * A graceful stop: finishes the item being published, then hands the lease on at
	 * once.
	 */
	@PreDestroy
	void stop() {
		halt();
		if (executor.isTerminated()) {
			lease.release();
		}
	}

}
