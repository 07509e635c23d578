package dev.truthordare.cms.content.quality;

import dev.truthordare.events.ContentType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Finds an existing item whose text is nearly the same as a new one: Jaccard similarity
 * of the character trigrams of the normalised texts, at or above a threshold.
 *
 * <p>
 * Comparing with every item would grow with the catalogue, so candidates come from
 * MinHash locality-sensitive hashing: 120 min-hashes per text in 20 bands of 6. Two texts
 * share a band bucket with probability 1 − (1 − J⁶)²⁰: 99.8 % at J = 0.8, 27 % at J =
 * 0.5, 1.5 % at J = 0.3, so near-duplicates are found while texts that merely share an
 * opening ("What is your…") are rarely even looked at. Each candidate is then checked
 * with its exact Jaccard similarity.
 *
 * <p>
 * The check of every write ({@link NearDuplicates}) keeps these band keys in the store,
 * so that every instance sees every item; this in-memory form checks the items of one
 * import file against each other.
 */
public final class NearDuplicateIndex {

	public record Match(String id, double similarity) {
	}

	private static final int HASHES = 120;

	private static final int ROWS = 6;

	private static final int BANDS = HASHES / ROWS;

	private static final long[] SEEDS = seeds();

	private record Entry(ContentType type, int[] trigrams, long[] bandKeys) {
	}

	private final double threshold;

	private final Map<String, Entry> entries = new HashMap<>();

	private final Map<ContentType, Map<Long, Set<String>>[]> buckets = new EnumMap<>(ContentType.class);

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	@SuppressWarnings("unchecked")
	public NearDuplicateIndex(double threshold) {
		this.threshold = threshold;
		for (ContentType type : ContentType.values()) {
			Map<Long, Set<String>>[] bands = new Map[BANDS];
			for (int band = 0; band < BANDS; band++) {
				bands[band] = new HashMap<>();
			}
			buckets.put(type, bands);
		}
	}

	public double threshold() {
		return threshold;
	}

	public void put(String id, ContentType type, String text) {
		int[] trigrams = trigrams(text);
		Entry entry = new Entry(type, trigrams, bandKeys(trigrams));
		lock.writeLock().lock();
		try {
			removeLocked(id);
			entries.put(id, entry);
			Map<Long, Set<String>>[] bands = buckets.get(type);
			for (int band = 0; band < BANDS; band++) {
				bands[band].computeIfAbsent(entry.bandKeys()[band], key -> new HashSet<>()).add(id);
			}
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	public void remove(String id) {
		lock.writeLock().lock();
		try {
			removeLocked(id);
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	public int size() {
		lock.readLock().lock();
		try {
			return entries.size();
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/**
	 * The most similar item of {@code type} at or above the threshold, other than
	 * {@code ignoredId}.
	 */
	public Optional<Match> findDuplicate(ContentType type, String text, String ignoredId) {
		int[] trigrams = trigrams(text);
		long[] keys = bandKeys(trigrams);
		lock.readLock().lock();
		try {
			Map<Long, Set<String>>[] bands = buckets.get(type);
			Set<String> checked = new HashSet<>();
			Match best = null;
			for (int band = 0; band < BANDS; band++) {
				Set<String> bucket = bands[band].get(keys[band]);
				if (bucket == null) {
					continue;
				}
				for (String candidate : bucket) {
					if (candidate.equals(ignoredId) || !checked.add(candidate)) {
						continue;
					}
					double similarity = jaccard(trigrams, entries.get(candidate).trigrams());
					if (similarity >= threshold && (best == null || similarity > best.similarity())) {
						best = new Match(candidate, similarity);
					}
				}
			}
			return Optional.ofNullable(best);
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/**
	 * The text's 20 LSH band keys: two texts of one type are candidates when any key is
	 * shared. Band numbers are hashed into the keys, so one flat list of them can be
	 * stored and matched with a single {@code $in}.
	 */
	public static long[] bandKeys(String text) {
		return bandKeys(trigrams(text));
	}

	/** Exact Jaccard similarity of two texts, as the index measures it. */
	public static double similarity(String a, String b) {
		return jaccard(trigrams(a), trigrams(b));
	}

	private void removeLocked(String id) {
		Entry old = entries.remove(id);
		if (old == null) {
			return;
		}
		Map<Long, Set<String>>[] bands = buckets.get(old.type());
		for (int band = 0; band < BANDS; band++) {
			Set<String> bucket = bands[band].get(old.bandKeys()[band]);
			if (bucket != null) {
				bucket.remove(id);
				if (bucket.isEmpty()) {
					bands[band].remove(old.bandKeys()[band]);
				}
			}
		}
	}

	/**
	 * Sorted, distinct hashes of the character trigrams of the normalised text, padded so
	 * short words count.
	 */
	static int[] trigrams(String text) {
		String normalized = " " + TextNormalizer.forComparison(text) + " ";
		int[] hashes = new int[Math.max(0, normalized.length() - 2)];
		for (int i = 0; i + 3 <= normalized.length(); i++) {
			hashes[i] = normalized.substring(i, i + 3).hashCode();
		}
		return Arrays.stream(hashes).sorted().distinct().toArray();
	}

	private static double jaccard(int[] a, int[] b) {
		if (a.length == 0 && b.length == 0) {
			return 1;
		}
		int i = 0;
		int j = 0;
		int shared = 0;
		while (i < a.length && j < b.length) {
			if (a[i] == b[j]) {
				shared++;
				i++;
				j++;
			}
			else if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		return (double) shared / (a.length + b.length - shared);
	}

	private static long[] bandKeys(int[] trigrams) {
		long[] minimums = new long[HASHES];
		Arrays.fill(minimums, Long.MAX_VALUE);
		for (int trigram : trigrams) {
			for (int h = 0; h < HASHES; h++) {
				long value = mix(trigram ^ SEEDS[h]);
				if (value < minimums[h]) {
					minimums[h] = value;
				}
			}
		}
		long[] keys = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long key = band;
			for (int row = 0; row < ROWS; row++) {
				key = mix(key * 31 + minimums[band * ROWS + row]);
			}
			keys[band] = key;
		}
		return keys;
	}

	/** SplitMix64's finaliser: a cheap, well-distributed 64-bit hash. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	private static long[] seeds() {
		long[] seeds = new long[HASHES];
		long state = 0x5DEECE66DL;
		for (int i = 0; i < HASHES; i++) {
			state = mix(state + 0x9E3779B97F4A7C15L);
			seeds[i] = state;
		}
		return seeds;
	}

}
