package dev.truthordare.content.catalog;

import java.util.Arrays;

/**
 * An array with swap-remove: O(1) add, O(1) remove, uniform O(1) pick by index.
 * {@code slot} is the same in every entry of the bucket: age level × key kind.
 * {@code items} and {@code traits} mirror {@code members} so that a pick reads one array
 * slot and nothing else: with a million items the entries are scattered over the heap,
 * and following a pointer to one costs a cache miss per pick. Written only under
 * {@link Buckets}' write lock.
 */
final class Bucket {

	/** One servable item and its position in each bucket it belongs to. */
	static final class Entry {

		static final int SLOTS = ServableIndex.AGE_RATINGS.size() * Buckets.KINDS;

		final ProjectedItem item;

		final long traits;

		final int[] positions = new int[SLOTS];

		final Bucket[] buckets = new Bucket[SLOTS];

		Entry(ProjectedItem item) {
			this.item = item;
			this.traits = Traits.of(item);
		}

		void leaveAll() {
			for (Bucket bucket : buckets) {
				if (bucket != null) {
					bucket.remove(this);
				}
			}
		}

	}

	final int slot;

	volatile Entry[] members = new Entry[8];

	volatile ProjectedItem[] items = new ProjectedItem[8];

	volatile long[] traits = new long[8];

	volatile int size;

	Bucket(int slot) {
		this.slot = slot;
	}

	void add(Entry entry) {
		Entry[] array = members;
		ProjectedItem[] mirror = items;
		long[] packed = traits;
		if (size == array.length) {
			array = Arrays.copyOf(array, array.length * 2);
			mirror = Arrays.copyOf(mirror, mirror.length * 2);
			packed = Arrays.copyOf(packed, packed.length * 2);
			members = array;
			items = mirror;
			traits = packed;
		}
		array[size] = entry;
		mirror[size] = entry.item;
		packed[size] = entry.traits;
		entry.positions[slot] = size;
		entry.buckets[slot] = this;
		size = size + 1;
	}

	void remove(Entry entry) {
		Entry[] array = members;
		ProjectedItem[] mirror = items;
		long[] packed = traits;
		int position = entry.positions[slot];
		int last = size - 1;
		Entry moved = array[last];
		array[position] = moved;
		mirror[position] = mirror[last];
		packed[position] = packed[last];
		moved.positions[slot] = position;
		array[last] = null;
		mirror[last] = null;
		size = last;
		entry.buckets[slot] = null;
	}

}
