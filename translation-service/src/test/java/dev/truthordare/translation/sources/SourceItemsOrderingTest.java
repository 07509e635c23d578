package dev.truthordare.translation.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.translation.translations.TranslationWorkflow;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * Two deliveries of one item handled at once (a rebalance hands the partition over while
 * the old owner is still at it): the older one, held back right before it stores until
 * the newer one is stored, must not put the older source text back, or translators would
 * be measured against a text CMS has replaced.
 */
class SourceItemsOrderingTest {

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
			super(client, "translations");
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
		public <T> T save(T objectToSave) {
			waitIfOlder();
			return super.save(objectToSave);
		}

	}

	static ContentSnapshot truth(String id, String text, long version) {
		return new ContentSnapshot(id, ContentType.TRUTH, text, "en", "funny", null, 2, "all", List.of(),
				ContentStatus.APPROVED, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, version);
	}

	@Test
	void anOlderDeliveryHeldBackBehindANewerOneNeverRestoresTheOlderText() throws Exception {
		HeldBackMongo mongo = new HeldBackMongo();
		TranslationWorkflow translations = mock(TranslationWorkflow.class);
		SourceItems sources = new SourceItems(mongo, translations);
		sources.onContent(truth("t1", "What was your first concert?", 1));

		CompletableFuture<Void> older = CompletableFuture.runAsync(() -> {
			Thread.currentThread().setName("older");
			sources.onContent(truth("t1", "What was the first concert you went to?", 2));
		}, runnable -> new Thread(runnable).start());
		sources.onContent(truth("t1", "Which concert would you never admit to attending?", 3));
		mongo.newerStored.countDown();
		older.get(20, TimeUnit.SECONDS);

		SourceItem stored = sources.find("t1").orElseThrow();
		assertThat(stored.version()).isEqualTo(3);
		assertThat(stored.content()).isEqualTo("Which concert would you never admit to attending?");
		assertThat(stored.status()).isEqualTo(ContentStatus.APPROVED);
		assertThat(sources.approvedIds()).contains("t1");
		verify(translations).sourceChanged("t1", 3);
	}

	@Test
	void aReplayOfAnOlderVersionChangesNothingAndOutdatesNothing() {
		TranslationWorkflow translations = mock(TranslationWorkflow.class);
		SourceItems sources = new SourceItems(new MongoTemplate(client, "translations"), translations);
		sources.onContent(truth("t2", "Who was your first crush at school?", 4));
		sources.onContent(truth("t2", "Who was your very first crush?", 3));

		assertThat(sources.find("t2").orElseThrow().content()).isEqualTo("Who was your first crush at school?");
		verify(translations, never()).sourceChanged("t2", 3);
	}

}
