package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per random pick against catalogues of 110, 100,000 and 1,000,000 approved items
 * (half truths, half dares, spread over every category, difficulty and age rating). Run
 * with {@code bench/jmh} (see BENCHMARKS.md), not by the unit test run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xms2g", "-Xmx2g" })
public class PickBenchmark {

	private static final List<String> TRUTH_CATEGORIES = List.of("general", "funny", "deep", "relationships",
			"embarrassing");

	private static final List<String> DARE_CATEGORIES = List.of("physical", "social", "creative", "silly");

	private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "extreme");

	private static final List<String> AGES = List.of("all", "all", "13+", "18+");

	@Param({ "110", "100000", "1000000" })
	public int items;

	private ServableIndex index;

	private final ServableIndex.Query defaultTruth = ServableIndex.Query.of(ContentType.TRUTH).upToAgeLevel(1);

	private final ServableIndex.Query twoCategories = ServableIndex.Query.of(ContentType.TRUTH)
		.inCategories(Set.of("funny", "deep"))
		.upToAgeLevel(1);

	/**
	 * As PlayFilters builds it: the players filter is tested on the packed traits beside
	 * the bucket.
	 */
	private final ServableIndex.Query dareForFour = ServableIndex.Query.of(ContentType.DARE)
		.ofDifficulty("easy")
		.upToAgeLevel(1)
		.withTraits(Traits.admits(4));

	@Setup(Level.Trial)
	public void fill() {
		index = new ServableIndex();
		for (int i = 0; i < items; i++) {
			String id = "item-" + i;
			boolean truth = i % 2 == 0;
			ContentSnapshot snapshot = truth
					? new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + "?", "en",
							TRUTH_CATEGORIES.get(i / 2 % 5), null, 2, AGES.get(i / 10 % 4), List.of(),
							ContentStatus.APPROVED, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, 1)
					: new ContentSnapshot(id, ContentType.DARE, "Dare " + id + "!", "en",
							DARE_CATEGORIES.get(i / 2 % 4), DIFFICULTIES.get(i / 8 % 4), 2, AGES.get(i / 10 % 4),
							List.of(), ContentStatus.APPROVED, 5, null, true, true,
							new ContentSnapshot.GroupSize(2, 2 + i % 7), "safe", Instant.EPOCH, Instant.EPOCH, 1);
			index.put(new ProjectedItem(id, snapshot, null));
		}
	}

	/** {@code GET /truths/random}: one bucket. */
	@Benchmark
	public ProjectedItem randomTruth() {
		return index.pickRandom(defaultTruth).orElseThrow();
	}

	/** {@code ?category=funny&category=deep}: two buckets weighted by size. */
	@Benchmark
	public ProjectedItem randomTruthOfTwoCategories() {
		return index.pickRandom(twoCategories).orElseThrow();
	}

	/**
	 * {@code /dares/random?difficulty=easy&players=4}: one bucket plus a residual filter
	 * by rejection.
	 */
	@Benchmark
	public ProjectedItem randomEasyDareForFourPlayers() {
		return index.pickRandom(dareForFour).orElseThrow();
	}

}
