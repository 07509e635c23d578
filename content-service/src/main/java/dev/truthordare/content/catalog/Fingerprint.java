package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;

/**
 * What an index holds, as one number: the XOR of a 64-bit hash of every item's id and
 * versions. XOR does not care about order, so two instances that received the same items
 * in another order (one from its projection at start, the other from the stream) agree,
 * where a counter of applied updates would not; and the hash uses no identity hash codes,
 * so separate processes agree too. Written only under the index's merge lock.
 */
final class Fingerprint {

	/** An item's id, snapshot version and rating version ({@code -1}: none). */
	record Versions(String id, long snapshot, long rating) {

		static Versions of(String id, ContentSnapshot snapshot, ProjectedItem.Rating rating) {
			return new Versions(id, snapshot == null ? -1 : snapshot.version(), rating == null ? -1 : rating.version());
		}

	}

	private volatile long value;

	/** Takes {@code before} (null: the item was not held) out and {@code after} in. */
	void replace(Versions before, Versions after) {
		value = value ^ (before == null ? 0 : hash(before)) ^ hash(after);
	}

	long value() {
		return value;
	}

	static long hash(Versions versions) {
		long hash = 0xcbf29ce484222325L; // FNV-1a over the id
		for (int i = 0; i < versions.id().length(); i++) {
			hash = (hash ^ versions.id().charAt(i)) * 0x100000001b3L;
		}
		return mix(mix(hash ^ versions.snapshot()) ^ versions.rating());
	}

	/** SplitMix64's finaliser: every input bit reaches every output bit. */
	private static long mix(long value) {
		long z = value + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
