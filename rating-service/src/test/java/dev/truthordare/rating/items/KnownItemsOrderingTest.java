package dev.truthordare.rating.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * Two deliveries of one item handled at once (a rebalance hands the partition over while
 * the old owner is still at it): the older one, held back right before it writes until
 * the newer one is stored, must not put the older status back, or a flagged item could be
 * rated again.
 */
class KnownItemsOrderingTest {

	private static MongoServer server;

	private static MongoClient client;

	@BeforeAll
	static void startMongo() {
		server = new MongoServer(new MemoryBackend());
		client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
	}

	@AfterAll
	static void stopMongo() {
		client.close();
		server.shutdownNow();
	}

	/** Holds the writes of the thread named "older" until {@code newerStored} opens. */
	static final class HeldBackMongo extends MongoTemplate {

		final CountDownLatch newerStored = new CountDownLatch(1);

		HeldBackMongo() {
			super(client, "ratings");
		}

		private void waitIfOlder() {
			if (Thread.currentThread().getName().equals("older")) {
				try {
					assertThat(newerStored.await(10, TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new AssertionError(e);
				}
			}
		}

		@Override
		public UpdateResult upsert(Query query, UpdateDefinition update, Class<?> entityClass) {
			waitIfOlder();
			return super.upsert(query, update, entityClass);
		}

		@Override
		public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options,
				Class<T> entityClass) {
			waitIfOlder();
			return super.findAndModify(query, update, options, entityClass);
		}

		@Override
		public <T> T save(T objectToSave) {
			waitIfOlder();
			return super.save(objectToSave);
		}

	}

	static ContentSnapshot truth(String id, ContentStatus status, long version) {
		return new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + ", be honest?", "en", "funny", null, 2,
				"all", List.of(), status, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, version);
	}

	@Test
	void anOlderDeliveryHeldBackBehindANewerOneNeverRestoresTheOlderStatus() throws Exception {
		HeldBackMongo mongo = new HeldBackMongo();
		KnownItems items = new KnownItems(mongo, event -> {
		});
		items.onContent(truth("t1", ContentStatus.APPROVED, 1));

		CompletableFuture<Void> older = CompletableFuture.runAsync(() -> {
			Thread.currentThread().setName("older");
			items.onContent(truth("t1", ContentStatus.APPROVED, 2));
		}, runnable -> new Thread(runnable).start());
		items.onContent(truth("t1", ContentStatus.FLAGGED, 3));
		mongo.newerStored.countDown();
		older.get(20, TimeUnit.SECONDS);

		assertThat(items.approved("t1")).isEmpty();
		assertThat(mongo.findById("t1", KnownItem.class))
			.isEqualTo(new KnownItem("t1", ContentType.TRUTH, ContentStatus.FLAGGED, 3));
	}

	@Test
	void aReplayOfAnOlderVersionChangesNothingAndANewerOneApplies() {
		List<Object> announced = new ArrayList<>();
		KnownItems items = new KnownItems(new MongoTemplate(client, "ratings"), announced::add);
		items.onContent(truth("t2", ContentStatus.ARCHIVED, 5));
		items.onContent(truth("t2", ContentStatus.APPROVED, 4));
		items.onContent(truth("t2", ContentStatus.APPROVED, 5));
		assertThat(items.approved("t2")).isEmpty();

		items.onContent(truth("t2", ContentStatus.APPROVED, 6));
		assertThat(items.approved("t2")).isPresent();
		assertThat(items.approvedAmong(List.of("t2", "unknown"))).containsExactly("t2");
		// back in play after another status: the reports' evidence starts anew
		assertThat(announced).containsExactly(new ItemReapproved("t2", 6));
		items.onContent(truth("t2", ContentStatus.APPROVED, 7));
		assertThat(announced).hasSize(1);
	}

}
