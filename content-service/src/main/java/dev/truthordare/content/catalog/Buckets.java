package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The buckets behind {@link ServableIndex}'s random pick.
 *
 * <h2>The O(1) pick</h2> Every servable item sits in a handful of {@link Bucket}s. A
 * bucket is keyed by {@code type × max_age_rating ×
 * category × difficulty}, where {@code max_age_rating} is cumulative (an {@code all} item
 * is also in the {@code 13+} and {@code 18+} buckets, so a {@code max_age_rating} filter
 * is one bucket, not a union) and category and difficulty may each be {@code *} ("any").
 * An item therefore belongs to at most 3 × 4 = 12 buckets, whatever the size of the
 * catalogue.
 * <ul>
 * <li>A query on type, max_age_rating, one category and/or one difficulty is exactly one
 * bucket: one random index.</li>
 * <li>Several values of one filter ({@code category=funny&category=deep}) are disjoint
 * buckets: the pick chooses a bucket with probability proportional to its size, then an
 * index in it. Cost grows with the number of values asked for (at most 5 categories × 4
 * difficulties), never with the catalogue.</li>
 * <li>The remaining filters (indoor, outdoor, max_duration, players, props, v2
 * min_rating, and a game's "not drawn yet") are too many combinations to index; they are
 * applied by rejection: draw from the bucket, keep the item if it passes. All but the
 * game's are tested on {@link Traits} packed in an array beside the bucket's items, so a
 * rejected draw costs one array read, not a walk through the item's objects. Uniform over
 * the matching items, and O(1) expected while a reasonable share of the bucket matches.
 * After {@value #REJECTION_ATTEMPTS} misses the combination is rare (or empty) and the
 * pick falls back to a scan of the bucket, which is then also the only way to prove that
 * nothing matches. Capped rejection followed by a uniform choice among the matches is
 * still exactly uniform.</li>
 * </ul>
 *
 * <h2>Consistency</h2> Writers (the stream consumers, a few per second at most) take a
 * {@link StampedLock} write lock and move one item between its buckets in one step.
 * Readers (thousands per second) read optimistically without locking and re-read under
 * the read lock only if a write happened meanwhile, so a pick never sees an item
 * half-moved between buckets, and the hot path never contends with other readers.
 */
final class Buckets {

	static final String ANY = "*";
	static final int KINDS = 4;
	static final int REJECTION_ATTEMPTS = 64;

	/**
	 * Marks a pick whose traits failed the query: try again, unlike {@code null}, which
	 * means "nothing here".
	 */
	private static final ProjectedItem REJECTED = new ProjectedItem("", null, null);

	private record Key(ContentType type, int maxAgeLevel, String category, String difficulty) {
	}

	private final StampedLock lock = new StampedLock();

	private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * Takes an item's entry out of its buckets and puts its next one in (either may be
	 * null), as one step.
	 */
	void replace(Bucket.Entry previous, Bucket.Entry next) {
		long stamp = lock.writeLock();
		try {
			if (previous != null) {
				previous.leaveAll();
			}
			if (next != null) {
				ContentSnapshot s = next.item.snapshot();
				String category = s.category() == null ? "" : s.category();
				String difficulty = s.difficulty() == null ? "" : s.difficulty();
				for (int level = ServableIndex.ageLevel(s.ageRating()); level < ServableIndex.AGE_RATINGS
					.size(); level++) {
					bucket(s.type(), level, ANY, ANY, 0).add(next);
					bucket(s.type(), level, category, ANY, 1).add(next);
					bucket(s.type(), level, ANY, difficulty, 2).add(next);
					bucket(s.type(), level, category, difficulty, 3).add(next);
				}
			}
		}
		finally {
			lock.unlockWrite(stamp);
		}
	}

	private Bucket bucket(ContentType type, int level, String category, String difficulty, int kind) {
		return buckets.computeIfAbsent(new Key(type, level, category, difficulty),
				key -> new Bucket(level * KINDS + kind));
	}

	Optional<ProjectedItem> pickRandom(ServableIndex.Query query) {
		List<Key> keys = keys(query);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < REJECTION_ATTEMPTS; attempt++) {
			ProjectedItem candidate = pickOnce(keys, query.traits(), random);
			if (candidate == null) {
				return Optional.empty(); // the indexed part alone is empty
			}
			if (candidate != REJECTED && (query.residual() == null || query.residual().test(candidate))) {
				return Optional.of(candidate);
			}
		}
		List<ProjectedItem> matches = scan(keys, query.traits(), query.residual());
		return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(random.nextInt(matches.size())));
	}

	List<ProjectedItem> matching(ServableIndex.Query query) {
		return scan(keys(query), query.traits(), query.residual());
	}

	int count(ServableIndex.Query query) {
		long stamp = lock.readLock();
		try {
			int total = 0;
			for (Key key : keys(query)) {
				Bucket bucket = buckets.get(key);
				total += bucket == null ? 0 : bucket.size;
			}
			return total;
		}
		finally {
			lock.unlockRead(stamp);
		}
	}

	private static List<Key> keys(ServableIndex.Query query) {
		Collection<String> categories = query.categories() == null ? List.of(ANY) : query.categories();
		Collection<String> difficulties = query.difficulties() == null ? List.of(ANY) : query.difficulties();
		if (categories.size() == 1 && difficulties.size() == 1) { // the hot path: one
																	// bucket, no list to
																	// grow
			return List.of(new Key(query.type(), query.maxAgeLevel(), categories.iterator().next(),
					difficulties.iterator().next()));
		}
		List<Key> keys = new ArrayList<>(categories.size() * difficulties.size());
		for (String category : categories) {
			for (String difficulty : difficulties) {
				keys.add(new Key(query.type(), query.maxAgeLevel(), category, difficulty));
			}
		}
		return keys;
	}

	/**
	 * A random member of the query's buckets: the item, {@link #REJECTED} if its traits
	 * fail, null if none.
	 */
	private ProjectedItem pickOnce(List<Key> keys, LongPredicate traits, ThreadLocalRandom random) {
		long stamp = lock.tryOptimisticRead();
		ProjectedItem picked = stamp == 0 ? null : pickUnlocked(keys, traits, random);
		if (stamp != 0 && lock.validate(stamp)) {
			return picked;
		}
		stamp = lock.readLock();
		try {
			return pickUnlocked(keys, traits, random);
		}
		finally {
			lock.unlockRead(stamp);
		}
	}

	/**
	 * Reads only; safe to run optimistically (a racing writer at worst makes it return
	 * garbage that is discarded).
	 */
	private ProjectedItem pickUnlocked(List<Key> keys, LongPredicate traits, ThreadLocalRandom random) {
		Bucket bucket;
		int r;
		if (keys.size() == 1) {
			bucket = buckets.get(keys.getFirst());
			int size = bucket == null ? 0 : bucket.size;
			if (size <= 0) {
				return null;
			}
			r = random.nextInt(size);
		}
		else {
			int total = 0;
			Bucket[] found = new Bucket[keys.size()];
			int[] sizes = new int[keys.size()];
			for (int i = 0; i < found.length; i++) {
				found[i] = buckets.get(keys.get(i));
				sizes[i] = found[i] == null ? 0 : found[i].size;
				total += sizes[i];
			}
			if (total <= 0) {
				return null;
			}
			r = random.nextInt(total);
			int i = 0;
			while (r >= sizes[i]) {
				r -= sizes[i];
				i++;
			}
			bucket = found[i];
		}
		ProjectedItem[] items = bucket.items;
		if (traits != null) {
			long[] packed = bucket.traits;
			if (r >= packed.length || !traits.test(packed[r])) {
				return REJECTED;
			}
		}
		return r < items.length ? items[r] : null;
	}

	private List<ProjectedItem> scan(List<Key> keys, LongPredicate traits, Predicate<ProjectedItem> residual) {
		List<ProjectedItem> matches = new ArrayList<>();
		long stamp = lock.readLock();
		try {
			for (Key key : keys) {
				Bucket bucket = buckets.get(key);
				if (bucket == null) {
					continue;
				}
				ProjectedItem[] items = bucket.items;
				long[] packed = bucket.traits;
				for (int i = 0; i < bucket.size; i++) {
					if ((traits == null || traits.test(packed[i])) && (residual == null || residual.test(items[i]))) {
						matches.add(items[i]);
					}
				}
			}
		}
		finally {
			lock.unlockRead(stamp);
		}
		matches.sort(Comparator.comparing(ProjectedItem::id));
		return matches;
	}

}
