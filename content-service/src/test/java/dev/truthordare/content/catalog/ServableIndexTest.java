package dev.truthordare.content.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index: uniform picks, exact bookkeeping under churn, and consistency
 * under concurrent updates.
 */
class ServableIndexTest {

	static final List<String> TRUTH_CATEGORIES = List.of("general", "funny", "deep", "relationships", "embarrassing");
	static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "extreme");

	static ProjectedItem truth(String id, String category, String age, ContentStatus status, long version) {
		return new ProjectedItem(id,
				new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + ", be honest?", "en", category, null, 2,
						age, List.of(), status, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH,
						version),
				null);
	}

	static ProjectedItem dare(String id, String category, String difficulty, String age, int maxPlayers) {
		return dare(id, category, difficulty, age, maxPlayers, 1);
	}

	static ProjectedItem dare(String id, String category, String difficulty, String age, int maxPlayers, long version) {
		return new ProjectedItem(id,
				new ContentSnapshot(id, ContentType.DARE, "Dare " + id + " right now", "en", category, difficulty, 2,
						age, List.of(), ContentStatus.APPROVED, 5, List.of(), true, true,
						new ContentSnapshot.GroupSize(2, maxPlayers), "safe", Instant.EPOCH, Instant.EPOCH, version),
				null);
	}

	/** Pearson's statistic of observed counts against a uniform expectation. */
	private static double chiSquare(Map<String, Integer> counts, int draws, int items) {
		double expected = (double) draws / items;
		double statistic = 0;
		for (int count : counts.values()) {
			statistic += (count - expected) * (count - expected) / expected;
		}
		return statistic;
	}

	@Test
	void fiftyFiveThousandDrawsOfFiftyFiveTruthsAreUniform() {
		ServableIndex index = new ServableIndex();
		for (int i = 0; i < 55; i++) {
			index.put(truth("truth-%03d".formatted(i + 1), TRUTH_CATEGORIES.get(i % 5), i % 3 == 2 ? "13+" : "all",
					ContentStatus.APPROVED, 1));
		}
		index.put(truth("truth-adult", "deep", "18+", ContentStatus.APPROVED, 1)); // never
																					// within
																					// the
																					// default
																					// 13+
		index.put(truth("truth-pending", "deep", "all", ContentStatus.PENDING, 1));
		Map<String, Integer> counts = new HashMap<>();
		int draws = 55_000;
		ServableIndex.Query query = ServableIndex.Query.of(ContentType.TRUTH).upToAgeLevel(1);
		for (int i = 0; i < draws; i++) {
			counts.merge(index.pickRandom(query).orElseThrow().id(), 1, Integer::sum);
		}

		assertThat(counts).hasSize(55).doesNotContainKeys("truth-adult", "truth-pending");
		// 1,000 expected per item, binomial σ ≈ 31.3: every item within ±6σ, and the
		// statistic (54 degrees of freedom)
		// under its 1-in-a-million critical value ≈ 118.9 (Wilson–Hilferty)
		assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(812, 1188));
		assertThat(chiSquare(counts, draws, 55)).isLessThan(118.9);
	}

	@Test
	void severalCategoriesAndAResidualFilterStayUniform() {
		ServableIndex index = new ServableIndex();
		// unequal bucket sizes: 2 funny, 8 deep, 20 general; the pick must weight buckets
		// by size
		for (int i = 0; i < 30; i++) {
			String category = i < 2 ? "funny" : i < 10 ? "deep" : "general";
			index.put(truth("t" + i, category, "all", ContentStatus.APPROVED, 1));
		}
		Map<String, Integer> counts = new HashMap<>();
		ServableIndex.Query query = ServableIndex.Query.of(ContentType.TRUTH)
			.inCategories(Set.of("funny", "deep"))
			.upToAgeLevel(2)
			.and(item -> !item.id().equals("t5")); // the residual keeps 9 of 10
		int draws = 18_000;
		for (int i = 0; i < draws; i++) {
			counts.merge(index.pickRandom(query).orElseThrow().id(), 1, Integer::sum);
		}

		assertThat(counts.keySet()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4", "t6", "t7", "t8", "t9");
		// 8 degrees of freedom: 1-in-a-million critical value ≈ 41.5
		assertThat(chiSquare(counts, draws, 9)).isLessThan(41.5);
	}

	@Test
	void aRareFilterFallsBackToAScanAndAnEmptyOneFindsNothing() {
		ServableIndex index = new ServableIndex();
		for (int i = 0; i < 5_000; i++) {
			index.put(dare("d" + i, "silly", DIFFICULTIES.get(i % 4), "all", i == 4_321 ? 20 : 8));
		}
		ServableIndex.Query everything = ServableIndex.Query.of(ContentType.DARE);

		assertThat(index.pickRandom(everything.and(item -> item.snapshot().groupSize().max() >= 20)))
			.map(ProjectedItem::id)
			.contains("d4321");
		assertThat(index.pickRandom(everything.and(item -> false))).isEmpty();
		assertThat(index.pickRandom(ServableIndex.Query.of(ContentType.DARE).inCategory("social").upToAgeLevel(2)))
			.isEmpty();
		assertThat(index.pickRandom(ServableIndex.Query.of(ContentType.TRUTH))).isEmpty();
	}

	@Test
	void bucketsStayExactThroughRandomChurn() {
		ServableIndex index = new ServableIndex();
		Map<String, ProjectedItem> model = new HashMap<>();
		Random random = new Random(42);
		List<String> ages = ServableIndex.AGE_RATINGS;
		for (int step = 0; step < 20_000; step++) {
			String id = "d" + random.nextInt(300);
			ProjectedItem item = random.nextInt(4) == 0
					? new ProjectedItem(id,
							new ContentSnapshot(id, ContentType.DARE, "Dare " + id + " now please", "en", "silly",
									"easy", 1, "all", List.of(), ContentStatus.ARCHIVED, 1, null, null, null, null,
									null, Instant.EPOCH, Instant.EPOCH, step),
							null)
					: dare(id, List.of("physical", "social", "creative", "silly").get(random.nextInt(4)),
							DIFFICULTIES.get(random.nextInt(4)), ages.get(random.nextInt(3)), 8, step); // each
																										// change
																										// newer
			index.put(item);
			if (item.isServable()) {
				model.put(id, item);
			}
			else {
				model.remove(id);
			}
		}
		for (String category : List.of("physical", "social", "creative", "silly")) {
			for (String difficulty : DIFFICULTIES) {
				for (int level = 0; level < 3; level++) {
					int maxLevel = level;
					ServableIndex.Query query = ServableIndex.Query.of(ContentType.DARE)
						.inCategory(category)
						.ofDifficulty(difficulty)
						.upToAgeLevel(level);
					Set<String> expected = new HashSet<>();
					model.values()
						.stream()
						.filter(item -> item.snapshot().category().equals(category)
								&& item.snapshot().difficulty().equals(difficulty)
								&& ServableIndex.ageLevel(item.snapshot().ageRating()) <= maxLevel)
						.forEach(item -> expected.add(item.id()));
					assertThat(index.count(query)).isEqualTo(expected.size());
					assertThat(index.matching(query)).extracting(ProjectedItem::id)
						.containsExactlyInAnyOrderElementsOf(expected);
				}
			}
		}
		assertThat(index.countByType().get(ContentType.DARE)).isEqualTo((long) model.size());
	}

	@Test
	void concurrentPicksNeverSeeAnItemOutsideItsFilterWhileItemsMove() throws Exception {
		ServableIndex index = new ServableIndex();
		for (int i = 0; i < 1_000; i++) {
			index.put(truth("t" + i, "funny", "all", ContentStatus.APPROVED, 1));
		}
		AtomicBoolean writing = new AtomicBoolean(true);
		ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch readersStarted = new CountDownLatch(3);
		List<Future<?>> readers = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			readers.add(pool.submit(() -> {
				readersStarted.countDown();
				ServableIndex.Query funnyForAll = ServableIndex.Query.of(ContentType.TRUTH)
					.inCategory("funny")
					.upToAgeLevel(0);
				while (writing.get()) {
					Optional<ProjectedItem> picked = index.pickRandom(funnyForAll);
					// items keep moving between "funny/all" and "deep/18+": a pick must
					// never show a moved one
					picked
						.filter(item -> !item.snapshot().category().equals("funny")
								|| !item.snapshot().ageRating().equals("all") || !item.isServable())
						.ifPresent(item -> wrong.add(item.id()));
				}
			}));
		}
		readersStarted.await();
		Random random = new Random(7);
		for (int step = 0; step < 50_000; step++) {
			int i = random.nextInt(1_000);
			boolean move = random.nextBoolean();
			index.put(truth("t" + i, move ? "deep" : "funny", move ? "18+" : "all",
					step % 10 == 0 ? ContentStatus.FLAGGED : ContentStatus.APPROVED, step + 2));
		}
		writing.set(false);
		for (Future<?> reader : readers) {
			reader.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(wrong).isEmpty();
		int servable = index.count(ServableIndex.Query.of(ContentType.TRUTH));
		assertThat(index.matching(ServableIndex.Query.of(ContentType.TRUTH))).hasSize(servable);
	}

	/**
	 * One instance builds from its projection at start, another follows the stream from
	 * the beginning (older versions and replays included): they hold the same versions,
	 * so they give the same fingerprint, and the ETags built on it agree. Any newer
	 * version on one side tells them apart again.
	 */
	@Test
	void instancesHoldingTheSameVersionsInAnotherOrderHaveTheSameFingerprint() {
		ServableIndex fromProjection = new ServableIndex();
		fromProjection.put(new ProjectedItem("t1", truth("t1", "funny", "all", ContentStatus.ARCHIVED, 2).snapshot(),
				new ProjectedItem.Rating(4.0, 3, 7)));
		fromProjection.put(truth("t2", "deep", "13+", ContentStatus.APPROVED, 1));
		fromProjection.put(dare("d1", "silly", "easy", "all", 8));

		ServableIndex fromStream = new ServableIndex();
		fromStream.put(dare("d1", "silly", "easy", "all", 8));
		fromStream.put(truth("t2", "deep", "13+", ContentStatus.APPROVED, 1));
		fromStream.put(truth("t1", "funny", "all", ContentStatus.APPROVED, 1));
		fromStream.applyRating("t1", new ProjectedItem.Rating(4.5, 2, 6));
		fromStream.applySnapshot(truth("t1", "funny", "all", ContentStatus.ARCHIVED, 2).snapshot());
		fromStream.applyRating("t1", new ProjectedItem.Rating(4.0, 3, 7));
		fromStream.put(truth("t1", "funny", "all", ContentStatus.APPROVED, 1)); // a
																				// replay

		assertThat(fromStream.fingerprint()).isEqualTo(fromProjection.fingerprint());
		long before = fromStream.fingerprint();
		fromStream.applyRating("t2", new ProjectedItem.Rating(5.0, 1, 1));
		assertThat(fromStream.fingerprint()).isNotEqualTo(before).isNotEqualTo(fromProjection.fingerprint());
		fromProjection.applyRating("t2", new ProjectedItem.Rating(5.0, 1, 1));
		assertThat(fromStream.fingerprint()).isEqualTo(fromProjection.fingerprint());
	}

}
