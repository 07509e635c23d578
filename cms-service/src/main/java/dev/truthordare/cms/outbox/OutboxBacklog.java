package dev.truthordare.cms.outbox;

import dev.truthordare.cms.content.ContentItem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far the outbox is behind, for operators: {@code cms_outbox_pending_items} (items
 * with events Kafka has not acknowledged) and {@code cms_outbox_oldest_event_age_seconds}
 * (the oldest such event, 0 when none waits). Sampled from the store every few seconds by
 * every instance, so each reports the same store-wide value whichever holds the relay's
 * lease. While the store cannot be asked the last count stays and the age keeps growing,
 * which is what a stuck outbox looks like.
 */
@Component
class OutboxBacklog {

	/**
	 * Items read per sample, oldest first: the oldest event is among them unless an item
	 * changed again while its first event waited (then the age is a lower bound).
	 */
	private static final int SAMPLED_ITEMS = 200;

	private final MongoTemplate mongo;

	private volatile long pendingItems;

	private volatile Instant oldestEvent;

	OutboxBacklog(MongoTemplate mongo, MeterRegistry meters) {
		this.mongo = mongo;
		Gauge.builder("cms.outbox.pending.items", this, backlog -> backlog.pendingItems)
			.description("Items whose events wait in the outbox for Kafka")
			.register(meters);
		Gauge.builder("cms.outbox.oldest.event.age", this, OutboxBacklog::oldestEventAgeSeconds)
			.description("Age of the oldest event waiting in the outbox (0 when none waits)")
			.baseUnit("seconds")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${cms.outbox.backlog-sample-interval:5s}")
	void sample() {
		try {
			Query pending = Query.query(Criteria.where("outbox.0").exists(true));
			long count = mongo.count(pending, ContentItem.class);
			List<ContentItem> oldestItems = mongo.find(pending.with(Sort.by("updatedAt")).limit(SAMPLED_ITEMS),
					ContentItem.class);
			oldestEvent = oldestItems.stream()
				.flatMap(item -> item.getOutbox().stream())
				.map(OutboxEvent::createdAt)
				.filter(Objects::nonNull)
				.min(Instant::compareTo)
				.orElse(null);
			pendingItems = count;
		}
		catch (RuntimeException storeUnavailable) {
			// keep the last sample: its age grows until the store answers again
		}
	}

	double oldestEventAgeSeconds() {
		Instant oldest = oldestEvent;
		return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
	}

}
