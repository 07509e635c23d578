package dev.truthordare.content.play;

import dev.truthordare.web.problem.ApiProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The age limit of a query: {@code max_age_rating} ({@code all}, {@code 13+},
 * {@code 18+}), or {@code rating} ({@code PG}, {@code PG13}, {@code R}), the film-style
 * names the most used public truth-or-dare API filters by, so its clients can switch to
 * us without rewriting their queries. {@code rating} is read case-insensitively because
 * those clients send it both ways; {@code PG-13} is the film industry's own spelling.
 */
final class AgeLimit {

	static final List<String> RATING_ALIASES = List.of("PG", "PG13", "R");

	private static final Map<String, String> ALIASED = Map.of("PG", "all", "PG13", "13+", "PG-13", "13+", "R", "18+");

	private AgeLimit() {
	}

	/**
	 * The {@code max_age_rating} asked for, or {@code defaultLimit}. Both parameters may
	 * be given only when they mean the same: a client that says {@code rating=R} and
	 * {@code max_age_rating=all} has a bug we should not guess around.
	 */
	static String of(String maxAgeRating, String rating, String defaultLimit) {
		String limit = null;
		if (maxAgeRating != null) {
			// '+' unencoded arrives as a space, and "18" is what people type: both mean
			// "18+"
			limit = maxAgeRating.matches("1[38]") ? maxAgeRating + "+" : maxAgeRating;
			PlayFilters.requireOneOf("max_age_rating", limit, PlayFilters.AGE_RATINGS);
		}
		if (rating != null) {
			String aliased = ALIASED.get(rating.toUpperCase(Locale.ROOT));
			if (aliased == null) {
				throw new PlayFilters.InvalidFilter("rating", rating, RATING_ALIASES);
			}
			if (limit != null && !limit.equals(aliased)) {
				throw new ApiProblem(HttpStatus.BAD_REQUEST,
						"rating=" + rating + " means max_age_rating=" + aliased + ", which contradicts max_age_rating="
								+ limit + "; send only one of them.",
						Map.of("parameter", "rating", "conflicts_with", "max_age_rating"));
			}
			limit = aliased;
		}
		return limit == null ? defaultLimit : limit;
	}

}
