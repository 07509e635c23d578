package dev.truthordare.rating.ratings;

import java.util.Map;
import org.bson.Document;

/** Aggregates of ratings and the ranking score. */
final class RatingSummaries {

	private static final double Z = 1.96; // 95 % confidence

	private RatingSummaries() {
	}

	/**
	 * The ranking score: the lower bound of the 95 % Wilson score interval for the share
	 * of positive ratings, where a rating of 4 or 5 stars is positive. <pre>
	 *   n = number of ratings, p = (4★ + 5★) / n, z = 1.96
	 *   score = (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)      (0 when n = 0)
	 * </pre> It is the share of positive ratings we can be 95 % sure the item at least
	 * deserves. Few votes give a wide interval and so a low bound: one 5-star vote scores
	 * 0.21, forty votes averaging 4.8 (all 4 or 5 stars) score 0.91, so the well-tested
	 * item ranks first.
	 */
	static double wilsonLowerBound(long positive, long total) {
		if (total <= 0) {
			return 0;
		}
		double n = total;
		double p = positive / n;
		double z2 = Z * Z;
		return (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
	}

	static long positive(Map<String, Long> histogram) {
		return histogram.getOrDefault("4", 0L) + histogram.getOrDefault("5", 0L);
	}

	/**
	 * Ratings stored before addresses were kept: each counts as an address of its own.
	 */
	static final String LEGACY = "legacy";

	/**
	 * The summary field counting an address's ratings ({@code .} and {@code :} cannot be
	 * part of a field name).
	 */
	static String tally(String address) {
		return "addresses." + (address == null ? LEGACY : address.replace('.', '_').replace(':', '-'));
	}

	/** Addresses with a rating now, each legacy rating counting as one. */
	static long distinctAddresses(Document stored) {
		Document tallies = stored.get("addresses", Document.class);
		if (tallies == null) {
			return 0;
		}
		long distinct = 0;
		for (var tally : tallies.entrySet()) {
			long ratings = ((Number) tally.getValue()).longValue();
			distinct += LEGACY.equals(tally.getKey()) ? Math.max(0, ratings) : ratings > 0 ? 1 : 0;
		}
		return distinct;
	}

}
