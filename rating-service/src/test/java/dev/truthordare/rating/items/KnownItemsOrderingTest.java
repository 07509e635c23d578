package dev.truthordare.rating.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.web.testing.HeldBackMongo;
import dev.truthordare.web.testing.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two deliveries of one item handled at once (a rebalance hands the partition over while
 * the old owner is still at it): the older one, held back right before it writes until
 * the newer one is stored, must not put the older status back, or a flagged item could be
 * rated again.
 */
class KnownItemsOrderingTest {

	@RegisterExtension
	static final InMemoryMongo MONGO = new InMemoryMongo();

	static ContentSnapshot truth(String id, ContentStatus status, long version) {
		return new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + ", be honest?", "en", "funny", null, 2,
				"all", List.of(), status, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, version);
	}

	@Test
	void anOlderDeliveryHeldBackBehindANewerOneNeverRestoresTheOlderStatus() throws Exception {
		HeldBackMongo mongo = new HeldBackMongo(MONGO.client(), "ratings");
		KnownItems items = new KnownItems(mongo, event -> {
		});
		items.onContent(truth("t1", ContentStatus.APPROVED, 1));

		CompletableFuture<Void> older = CompletableFuture.runAsync(() -> {
			Thread.currentThread().setName(HeldBackMongo.OLDER);
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
		KnownItems items = new KnownItems(new MongoTemplate(MONGO.client(), "ratings"), announced::add);
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
