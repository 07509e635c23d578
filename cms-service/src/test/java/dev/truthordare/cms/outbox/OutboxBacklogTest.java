package dev.truthordare.cms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.infra.local.SerializedMongoBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the OutboxBacklogStale alert reads: how many items wait for Kafka and how old the
 * oldest waiting event is, store-wide; both fall back to 0 once the relay caught up.
 */
class OutboxBacklogTest {

	private final MongoServer server = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private final MongoClient client = MongoClients
		.create("mongodb://localhost:" + server.bind().getPort() + "/?serverSelectionTimeoutMS=1000");

	private final MongoTemplate mongo = new MongoTemplate(client, "backlog-test");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OutboxBacklog backlog = new OutboxBacklog(mongo, meters);

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void countsWaitingItemsAndAgesTheOldestWaitingEvent() {
		Instant now = Instant.now();
		save("published", now.minusSeconds(600));
		save("waiting-long", now.minusSeconds(30), now.minusSeconds(300), now.minusSeconds(30));
		save("waiting-briefly", now.minusSeconds(5), now.minusSeconds(5));

		backlog.sample();

		assertThat(gauge("cms.outbox.pending.items")).isEqualTo(2);
		assertThat(gauge("cms.outbox.oldest.event.age")).isBetween(300.0, 330.0);

		mongo.findAll(ContentItem.class).forEach(item -> {
			item.setOutbox(new ArrayList<>());
			mongo.save(item);
		});
		backlog.sample();

		assertThat(gauge("cms.outbox.pending.items")).isZero();
		assertThat(gauge("cms.outbox.oldest.event.age")).isZero();
	}

	@Test
	void aStoreThatDoesNotAnswerLeavesTheBacklogAgeing() {
		save("waiting", Instant.now().minusSeconds(120), Instant.now().minusSeconds(120));
		backlog.sample();
		server.shutdownNow();

		backlog.sample();

		assertThat(gauge("cms.outbox.pending.items")).isEqualTo(1);
		assertThat(gauge("cms.outbox.oldest.event.age")).isGreaterThanOrEqualTo(120.0);
	}

	private void save(String id, Instant updatedAt, Instant... waitingSince) {
		ContentItem item = new ContentItem();
		item.setId(id);
		item.setUpdatedAt(updatedAt);
		List<OutboxEvent> outbox = new ArrayList<>();
		for (Instant createdAt : waitingSince) {
			outbox.add(new OutboxEvent(id + "-" + createdAt.toEpochMilli(), "cms.content.v1", id, "{}", null, null,
					createdAt));
		}
		item.setOutbox(outbox);
		mongo.save(item);
	}

	private double gauge(String name) {
		return meters.get(name).gauge().value();
	}

}
