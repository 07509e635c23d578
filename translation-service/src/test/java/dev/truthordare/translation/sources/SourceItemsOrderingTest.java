package dev.truthordare.translation.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.translation.translations.TranslationWorkflow;
import dev.truthordare.web.testing.HeldBackMongo;
import dev.truthordare.web.testing.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two deliveries of one item handled at once (a rebalance hands the partition over while
 * the old owner is still at it): the older one, held back right before it stores until
 * the newer one is stored, must not put the older source text back, or translators would
 * be measured against a text CMS has replaced.
 */
class SourceItemsOrderingTest {

	@RegisterExtension
	static final InMemoryMongo MONGO = new InMemoryMongo();

	static ContentSnapshot truth(String id, String text, long version) {
		return new ContentSnapshot(id, ContentType.TRUTH, text, "en", "funny", null, 2, "all", List.of(),
				ContentStatus.APPROVED, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, version);
	}

	@Test
	void anOlderDeliveryHeldBackBehindANewerOneNeverRestoresTheOlderText() throws Exception {
		HeldBackMongo mongo = new HeldBackMongo(MONGO.client(), "translations");
		TranslationWorkflow translations = mock(TranslationWorkflow.class);
		SourceItems sources = new SourceItems(mongo, translations);
		sources.onContent(truth("t1", "What was your first concert?", 1));

		CompletableFuture<Void> older = CompletableFuture.runAsync(() -> {
			Thread.currentThread().setName(HeldBackMongo.OLDER);
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
		SourceItems sources = new SourceItems(new MongoTemplate(MONGO.client(), "translations"), translations);
		sources.onContent(truth("t2", "Who was your first crush at school?", 4));
		sources.onContent(truth("t2", "Who was your very first crush?", 3));

		assertThat(sources.find("t2").orElseThrow().content()).isEqualTo("Who was your first crush at school?");
		verify(translations, never()).sourceChanged("t2", 3);
	}

}
