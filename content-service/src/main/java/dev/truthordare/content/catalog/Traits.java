package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import java.util.function.LongPredicate;

/**
 * The attributes the non-indexed filters look at, packed into one {@code long} that the
 * index keeps next to each item in every bucket. A filtered pick then tests a value read
 * from an array slot beside the item reference instead of following item → snapshot →
 * group size through the heap: with a million items those pointers are cache misses, and
 * the packed array of a bucket stays in cache.
 *
 * <pre>
 * bits  0-1  indoor_suitable   0 unknown, 1 false, 2 true
 * bits  2-3  outdoor_suitable  same
 * bit   4    no props required (null or empty list)
 * bits  5-16 duration_minutes + 1, capped at 4095; 0 = unknown (passes every max_duration, as before)
 * bit  17    group size unknown (admits any number of players)
 * bits 18-27 group_size.min, capped at 1023
 * bits 28-37 group_size.max, capped at 1023
 * bit  38    rated at least once
 * bits 39-48 rating average × 100, rounded (min_rating compares to the hundredth)
 * </pre>
 */
public final class Traits {

	private Traits() {
	}

	public static long of(ProjectedItem item) {
		ContentSnapshot s = item.snapshot();
		long traits = tri(s.indoorSuitable()) | tri(s.outdoorSuitable()) << 2;
		if (s.propsRequired() == null || s.propsRequired().isEmpty()) {
			traits |= 1L << 4;
		}
		if (s.durationMinutes() != null) {
			traits |= (long) clamp(s.durationMinutes() + 1L, 1, 4095) << 5;
		}
		if (s.groupSize() == null) {
			traits |= 1L << 17;
		}
		else {
			traits |= (long) clamp(s.groupSize().min(), 0, 1023) << 18;
			traits |= (long) clamp(s.groupSize().max(), 0, 1023) << 28;
		}
		if (item.rating() != null && item.rating().count() > 0) {
			traits |= 1L << 38;
			traits |= (long) clamp(Math.round(item.rating().average() * 100), 0, 1023) << 39;
		}
		return traits;
	}

	public static LongPredicate indoor(boolean wanted) {
		long code = wanted ? 2 : 1;
		return traits -> (traits & 3) == code;
	}

	public static LongPredicate outdoor(boolean wanted) {
		long code = wanted ? 2 : 1;
		return traits -> (traits >>> 2 & 3) == code;
	}

	public static LongPredicate noProps() {
		return traits -> (traits & 1L << 4) != 0;
	}

	public static LongPredicate maxDuration(int minutes) {
		return traits -> {
			long stored = traits >>> 5 & 4095;
			return stored == 0 || stored - 1 <= minutes;
		};
	}

	public static LongPredicate admits(int players) {
		return traits -> (traits & 1L << 17) != 0
				|| ((traits >>> 18 & 1023) <= players && players <= (traits >>> 28 & 1023));
	}

	public static LongPredicate minRating(double minimum) {
		long hundredths = Math.round(minimum * 100);
		return traits -> (traits & 1L << 38) != 0 && (traits >>> 39 & 1023) >= hundredths;
	}

	private static long tri(Boolean value) {
		return value == null ? 0 : value ? 2 : 1;
	}

	private static int clamp(long value, int min, int max) {
		return (int) Math.max(min, Math.min(max, value));
	}

}
