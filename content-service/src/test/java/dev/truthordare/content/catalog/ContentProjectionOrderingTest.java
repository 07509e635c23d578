package dev.truthordare.content.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.result.UpdateResult;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.RatingSummary;
import dev.truthordare.web.testing.InMemoryMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * The content and rating listeners run on different threads (and several instances share
 * the projection): whatever order their steps interleave in, an item CMS took out of play
 * stays out of play, and no part goes back to an older version. Each interleaving is
 * forced step by step, not left to timing.
 */
class ContentProjectionOrderingTest {

	@RegisterExtension
	static final InMemoryMongo MONGO = new InMemoryMongo();

	static ContentSnapshot truth(String id, ContentStatus status, long version) {
		return new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + ", be honest?", "en", "funny", null, 2,
				"all", List.of(), status, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, version);
	}

	static RatingSummary rating(String id, long count, long version) {
		return new RatingSummary(id, 1.0, count, Map.of("1", count), 0.1, version);
	}

	/**
	 * Runs each listed step only after every step before it in {@code order} has
	 * finished. A step is a thread's name and what it is about to do ("rating:store");
	 * steps not in the order, and a step's repeats (the store's second attempt), run
	 * straight away.
	 */
	static final class Schedule {

		private final List<String> order;

		private volatile int done;

		Schedule(List<String> order) {
			this.order = order;
		}

		<T> T step(String what, Supplier<T> action) {
			String step = Thread.currentThread().getName() + ":" + what;
			if (!order.contains(step) || order.indexOf(step) < done) {
				return action.get();
			}
			synchronized (this) {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (!order.get(done).equals(step)) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					if (left <= 0) {
						throw new AssertionError(step + " never got its turn in " + order);
					}
					try {
						wait(left);
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						throw new AssertionError(e);
					}
				}
			}
			try {
				return action.get();
			}
			finally {
				synchronized (this) {
					done++;
					notifyAll();
				}
			}
		}

	}

	/** The projection's store and index, each step of them waiting for its turn. */
	static final class ScheduledMongo extends MongoTemplate {

		private final Schedule schedule;

		ScheduledMongo(Schedule schedule) {
			super(MONGO.client(), "content");
			this.schedule = schedule;
		}

		@Override
		public UpdateResult upsert(Query query, UpdateDefinition update, Class<?> entityClass) {
			return schedule.step("store", () -> super.upsert(query, update, entityClass));
		}

	}

	static final class ScheduledIndex extends ServableIndex {

		private final Schedule schedule;

		ScheduledIndex(Schedule schedule) {
			this.schedule = schedule;
		}

		@Override
		public void applySnapshot(ContentSnapshot snapshot) {
			schedule.step("index", () -> {
				super.applySnapshot(snapshot);
				return null;
			});
		}

		@Override
		public void applyRating(String id, ProjectedItem.Rating rating) {
			schedule.step("index", () -> {
				super.applyRating(id, rating);
				return null;
			});
		}

	}

	/**
	 * Every order of two two-step handlers that keeps each handler's own steps in order.
	 */
	static List<List<String>> interleavings(List<String> first, List<String> second) {
		if (first.isEmpty() || second.isEmpty()) {
			List<String> rest = new ArrayList<>(first);
			rest.addAll(second);
			return List.of(rest);
		}
		List<List<String>> all = new ArrayList<>();
		for (List<String> tail : interleavings(first.subList(1, first.size()), second)) {
			List<String> order = new ArrayList<>(List.of(first.getFirst()));
			order.addAll(tail);
			all.add(order);
		}
		for (List<String> tail : interleavings(first, second.subList(1, second.size()))) {
			List<String> order = new ArrayList<>(List.of(second.getFirst()));
			order.addAll(tail);
			all.add(order);
		}
		return all;
	}

	private static void runAs(ExecutorService threads, List<Future<?>> running, String name, Runnable handler) {
		running.add(threads.submit(() -> {
			Thread.currentThread().setName(name);
			handler.run();
		}));
	}

	@Test
	void aFlaggedItemStaysOutOfPlayWhateverOrderTheRatingAndContentListenersRunIn() throws Exception {
		List<List<String>> orders = interleavings(List.of("content:store", "content:index"),
				List.of("rating:store", "rating:index"));
		// includes the order that put dare-020 back in play: the rating read the item,
		// CMS's FLAGGED snapshot was
		// stored and indexed, then the rating handler wrote what it had read into the
		// index
		assertThat(orders).hasSize(6)
			.contains(List.of("rating:store", "content:store", "content:index", "rating:index"));
		for (int run = 0; run < orders.size(); run++) {
			String id = "dare-020-" + run;
			Schedule schedule = new Schedule(orders.get(run));
			ScheduledMongo mongo = new ScheduledMongo(schedule);
			ScheduledIndex index = new ScheduledIndex(schedule);
			ContentProjection projection = new ContentProjection(mongo, index,
					new ProjectionDelay(new SimpleMeterRegistry()), (partition, offset) -> {
					});
			projection.onContent(truth(id, ContentStatus.APPROVED, 1));
			assertThat(index.find(id)).isPresent();

			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<Future<?>> running = new ArrayList<>();
			runAs(threads, running, "content", () -> projection.onContent(truth(id, ContentStatus.FLAGGED, 2)));
			runAs(threads, running, "rating", () -> projection.onRatingSummary(rating(id, 3, 1)));
			for (Future<?> handler : running) {
				handler.get(20, TimeUnit.SECONDS);
			}
			threads.shutdown();

			String order = String.valueOf(orders.get(run));
			assertThat(index.find(id)).as(order).isEmpty();
			assertThat(index.pickRandom(ServableIndex.Query.of(ContentType.TRUTH))).as(order).isEmpty();
			ProjectedItem stored = mongo.findById(id, ProjectedItem.class);
			assertThat(stored.snapshot().status()).as(order).isEqualTo(ContentStatus.FLAGGED);
			assertThat(stored.snapshot().version()).as(order).isEqualTo(2);
			assertThat(stored.rating().count()).as(order).isEqualTo(3);

			// the rating was kept, not dropped: approving the item again serves it with
			// that rating
			projection.onContent(truth(id, ContentStatus.APPROVED, 3));
			assertThat(index.find(id)).as(order)
				.hasValueSatisfying(item -> assertThat(item.rating().count()).isEqualTo(3));
		}
	}

	@Test
	void aNewerRatingAndANewerSnapshotNeverLoseToOlderOnesWhateverTheOrder() throws Exception {
		List<List<String>> orders = interleavings(List.of("content:store", "content:index"),
				List.of("rating:store", "rating:index"));
		for (int run = 0; run < orders.size(); run++) {
			String id = "stale-" + run;
			Schedule schedule = new Schedule(orders.get(run));
			ScheduledMongo mongo = new ScheduledMongo(schedule);
			ScheduledIndex index = new ScheduledIndex(schedule);
			ContentProjection projection = new ContentProjection(mongo, index,
					new ProjectionDelay(new SimpleMeterRegistry()), (partition, offset) -> {
					});
			projection.onContent(truth(id, ContentStatus.APPROVED, 5));
			projection.onRatingSummary(rating(id, 9, 7));

			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<Future<?>> running = new ArrayList<>();
			// redeliveries of older events, as after a rebalance or from an instance that
			// is behind
			runAs(threads, running, "content", () -> projection.onContent(truth(id, ContentStatus.FLAGGED, 4)));
			runAs(threads, running, "rating", () -> projection.onRatingSummary(rating(id, 1, 6)));
			for (Future<?> handler : running) {
				handler.get(20, TimeUnit.SECONDS);
			}
			threads.shutdown();

			String order = String.valueOf(orders.get(run));
			assertThat(index.find(id)).as(order).hasValueSatisfying(item -> {
				assertThat(item.snapshot().version()).isEqualTo(5);
				assertThat(item.rating().count()).isEqualTo(9);
			});
			ProjectedItem stored = mongo.findById(id, ProjectedItem.class);
			assertThat(stored.snapshot().version()).as(order).isEqualTo(5);
			assertThat(stored.rating().version()).as(order).isEqualTo(7);
		}
	}

	@Test
	void aRatingThatArrivesBeforeItsItemIsKeptUntilTheItemArrives() {
		MongoTemplate mongo = new MongoTemplate(MONGO.client(), "content");
		ServableIndex index = new ServableIndex();
		ContentProjection projection = new ContentProjection(mongo, index,
				new ProjectionDelay(new SimpleMeterRegistry()), (partition, offset) -> {
				});

		projection.onRatingSummary(rating("early", 4, 2));
		assertThat(index.find("early")).isEmpty();
		projection.onContent(truth("early", ContentStatus.APPROVED, 1));

		assertThat(index.find("early")).hasValueSatisfying(item -> assertThat(item.rating().count()).isEqualTo(4));
		assertThat(mongo.findById("early", ProjectedItem.class).snapshot().version()).isEqualTo(1);
	}

	@Test
	void anInstanceWhoseNeighbourStoredTheFlagFirstStillTakesTheItemOutOfItsOwnIndex() {
		MongoTemplate shared = new MongoTemplate(MONGO.client(), "content");
		ServableIndex first = new ServableIndex();
		ServableIndex second = new ServableIndex();
		ContentProjection firstInstance = new ContentProjection(shared, first,
				new ProjectionDelay(new SimpleMeterRegistry()), (partition, offset) -> {
				});
		ContentProjection secondInstance = new ContentProjection(shared, second,
				new ProjectionDelay(new SimpleMeterRegistry()), (partition, offset) -> {
				});
		firstInstance.onContent(truth("shared-1", ContentStatus.APPROVED, 1));
		secondInstance.onContent(truth("shared-1", ContentStatus.APPROVED, 1));

		firstInstance.onContent(truth("shared-1", ContentStatus.FLAGGED, 2));
		secondInstance.onContent(truth("shared-1", ContentStatus.FLAGGED, 2)); // the
																				// store
																				// already
																				// holds
																				// v2

		assertThat(first.find("shared-1")).isEmpty();
		assertThat(second.find("shared-1")).isEmpty();
		secondInstance.onContent(truth("shared-1", ContentStatus.APPROVED, 1)); // a late
																				// replay
																				// changes
																				// nothing
		assertThat(second.find("shared-1")).isEmpty();
		assertThat(shared.findById("shared-1", ProjectedItem.class).snapshot().status())
			.isEqualTo(ContentStatus.FLAGGED);
	}

	@Test
	void theIndexMergesEachPartByItsOwnVersion() {
		ServableIndex index = new ServableIndex();
		ContentSnapshot approved = truth("t1", ContentStatus.APPROVED, 1);
		index.put(new ProjectedItem("t1", approved, null));
		index.applySnapshot(truth("t1", ContentStatus.FLAGGED, 2));

		// a copy read before the flag, carrying a newer rating: the rating is taken, the
		// old snapshot is not
		index.put(new ProjectedItem("t1", approved, new ProjectedItem.Rating(5.0, 1, 1)));
		long revision = index.fingerprint();
		index.applyRating("t1", new ProjectedItem.Rating(1.0, 1, 1)); // same version
																		// again: ignored

		assertThat(index.find("t1")).isEmpty();
		assertThat(index.count(ServableIndex.Query.of(ContentType.TRUTH))).isZero();
		assertThat(index.fingerprint()).isEqualTo(revision);
		index.applySnapshot(truth("t1", ContentStatus.APPROVED, 3));
		assertThat(index.find("t1")).hasValueSatisfying(item -> assertThat(item.rating().average()).isEqualTo(5.0));
	}

}
