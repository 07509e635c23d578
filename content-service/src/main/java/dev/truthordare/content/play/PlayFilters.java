package dev.truthordare.content.play;

import dev.truthordare.events.ContentVocabulary;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.catalog.Traits;
import dev.truthordare.events.ContentType;
import dev.truthordare.web.problem.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.springframework.http.HttpStatus;

/**
 * Parses and checks the players' query filters; a bad value names the values that are
 * allowed. The result splits into the part the index answers directly (type, categories,
 * difficulties, max_age_rating) and residual predicates.
 */
public final class PlayFilters {

	public static final List<String> AGE_RATINGS = ServableIndex.AGE_RATINGS;

	public static final List<String> TRUTH_CATEGORIES = ContentVocabulary.TRUTH_CATEGORIES;

	public static final List<String> DARE_CATEGORIES = ContentVocabulary.DARE_CATEGORIES;

	public static final List<String> DIFFICULTIES = ContentVocabulary.DIFFICULTIES;

	public static final String DEFAULT_MAX_AGE_RATING = "13+";
	static final int MAX_PLAYERS = 1000;

	public static class InvalidFilter extends ApiProblem {

		InvalidFilter(String parameter, String value, List<String> allowed) {
			super(HttpStatus.BAD_REQUEST,
					"'" + abbreviate(value) + "' is not a valid value for " + parameter + "; allowed: " + allowed,
					Map.of("parameter", parameter, "allowed_values", allowed));
		}

	}

	private static String abbreviate(String value) {
		return value.length() <= 60 ? value : value.substring(0, 60) + "…";
	}

	/**
	 * A filter the buckets do not answer, tested on the packed {@link Traits}; named for
	 * error messages.
	 */
	private record Residual(String name, LongPredicate predicate) {
	}

	private final ContentType type;

	private Set<String> categories;

	private Set<String> difficulties;

	private int maxAgeLevel;

	private final List<Residual> residuals = new ArrayList<>();

	private final Map<String, Object> applied = new LinkedHashMap<>();

	private PlayFilters(ContentType type) {
		this.type = type;
	}

	public static List<String> categoriesOf(ContentType type) {
		return type == ContentType.TRUTH ? TRUTH_CATEGORIES : DARE_CATEGORIES;
	}

	/**
	 * @param version {@code v1} or {@code v2}; {@code min_rating} exists only in v2.
	 */
	public static PlayFilters parse(ContentType type, String version, Map<String, List<String>> query) {
		PlayFilters filters = new PlayFilters(type);
		List<String> categories = values(query, "category");
		if (!categories.isEmpty()) {
			categories.forEach(value -> requireOneOf("category", value, categoriesOf(type)));
			filters.categories = new LinkedHashSet<>(categories);
			filters.applied.put("category", List.copyOf(filters.categories));
		}
		String ageLimit = AgeLimit.of(single(query, "max_age_rating"), single(query, "rating"), DEFAULT_MAX_AGE_RATING);
		filters.maxAgeLevel = AGE_RATINGS.indexOf(ageLimit);
		filters.applied.put("max_age_rating", ageLimit);
		if (type == ContentType.DARE) {
			List<String> difficulties = values(query, "difficulty");
			if (!difficulties.isEmpty()) {
				difficulties.forEach(value -> requireOneOf("difficulty", value, DIFFICULTIES));
				filters.difficulties = new LinkedHashSet<>(difficulties);
				filters.applied.put("difficulty", List.copyOf(filters.difficulties));
			}
			Boolean indoor = bool(query, "indoor");
			if (indoor != null) {
				filters.residual("indoor", indoor, Traits.indoor(indoor));
			}
			Boolean outdoor = bool(query, "outdoor");
			if (outdoor != null) {
				filters.residual("outdoor", outdoor, Traits.outdoor(outdoor));
			}
			String props = single(query, "props");
			if (props != null) {
				requireOneOf("props", props, List.of("any", "none"));
				if (props.equals("none")) {
					filters.residual("props", props, Traits.noProps());
				}
			}
			Integer maxDuration = positiveInt(query, "max_duration", 1440);
			if (maxDuration != null) {
				filters.residual("max_duration", maxDuration, Traits.maxDuration(maxDuration));
			}
			Integer players = positiveInt(query, "players", MAX_PLAYERS);
			if (players != null) {
				filters.residual("players", players, Traits.admits(players));
			}
		}
		String minRating = single(query, "min_rating");
		if (minRating != null) {
			if (!"v2".equals(version)) {
				throw new ApiProblem(
						HttpStatus.BAD_REQUEST, "min_rating is a v2 filter: ask /api/v2/"
								+ (type == ContentType.TRUTH ? "truths" : "dares") + " instead.",
						Map.of("parameter", "min_rating"));
			}
			double min = minRating(minRating);
			filters.residual("min_rating", min, Traits.minRating(min));
		}
		return filters;
	}

	public ServableIndex.Query query() {
		ServableIndex.Query query = indexed().upToAgeLevel(maxAgeLevel);
		for (Residual residual : residuals) {
			query = query.withTraits(residual.predicate());
		}
		return query;
	}

	/** The type, categories and difficulties asked for, any age rating. */
	private ServableIndex.Query indexed() {
		return ServableIndex.Query.of(type).inCategories(categories).ofDifficulties(difficulties);
	}

	/** The age limit asked for, or the default. */
	public int maxAgeLevel() {
		return maxAgeLevel;
	}

	public Map<String, Object> applied() {
		return applied;
	}

	/**
	 * The filters that leave nothing when applied on their own; when each alone leaves
	 * something, it is their combination that empties the pool, and all of them are
	 * named. Only computed for a 404.
	 */
	public List<String> emptiedBy(ServableIndex index) {
		List<String> alone = new ArrayList<>();
		ServableIndex.Query everything = ServableIndex.Query.of(type);
		if (categories != null && index.count(everything.inCategories(categories)) == 0) {
			alone.add("category");
		}
		if (difficulties != null && index.count(everything.ofDifficulties(difficulties)) == 0) {
			alone.add("difficulty");
		}
		if (index.count(everything.upToAgeLevel(maxAgeLevel)) == 0) {
			alone.add("max_age_rating");
		}
		for (Residual residual : residuals) {
			if (index.matching(everything.withTraits(residual.predicate())).isEmpty()) {
				alone.add(residual.name());
			}
		}
		return alone.isEmpty() ? List.copyOf(applied.keySet()) : alone;
	}

	private void residual(String name, Object value, LongPredicate predicate) {
		applied.put(name, value);
		residuals.add(new Residual(name, predicate));
	}

	static List<String> values(Map<String, List<String>> query, String name) {
		List<String> values = query.getOrDefault(name, List.of())
			.stream()
			.flatMap(value -> value == null ? java.util.stream.Stream.<String>empty()
					: List.of(value.split(",")).stream())
			.map(String::strip)
			.filter(value -> !value.isEmpty())
			.toList();
		if (values.size() > 50) {
			throw new InvalidFilter(name, values.size() + " values", List.of("at most 50 values"));
		}
		return values;
	}

	private static String single(Map<String, List<String>> query, String name) {
		List<String> values = values(query, name);
		if (values.size() > 1) {
			throw new InvalidFilter(name, String.join(",", values), List.of("a single value"));
		}
		return values.isEmpty() ? null : values.getFirst();
	}

	private static Boolean bool(Map<String, List<String>> query, String name) {
		String value = single(query, name);
		if (value == null) {
			return null;
		}
		requireOneOf(name, value, List.of("false", "true"));
		return Boolean.parseBoolean(value);
	}

	private static Integer positiveInt(Map<String, List<String>> query, String name, int max) {
		String value = single(query, name);
		if (value == null) {
			return null;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= 1 && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new InvalidFilter(name, value, List.of("an integer from 1 to " + max));
	}

	private static double minRating(String value) {
		try {
			// digits only: Double.parseDouble would trim control characters ("3\0" is 3)
			double parsed = value.matches("[0-9]{1,3}(\\.[0-9]{1,6})?") ? Double.parseDouble(value) : Double.NaN;
			if (parsed >= 1 && parsed <= 5) {
				return parsed;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new InvalidFilter("min_rating", value, List.of("a number from 1 to 5"));
	}

	static void requireOneOf(String name, String value, List<String> allowed) {
		if (!allowed.contains(value)) {
			throw new InvalidFilter(name, value, allowed);
		}
	}

}
