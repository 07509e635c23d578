package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.web.ProblemHandler;
import org.springframework.http.HttpStatus;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Parses and checks the random endpoints' query filters; a bad value names the values that are allowed. */
final class PlayFilters {

    static final List<String> AGE_RATINGS = List.of("all", "13+", "18+");
    static final Set<String> TRUTH_CATEGORIES = Set.of("general", "funny", "deep", "relationships", "embarrassing");
    static final Set<String> DARE_CATEGORIES = Set.of("physical", "social", "creative", "silly");
    static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard", "extreme");
    static final String DEFAULT_MAX_AGE_RATING = "13+";

    static class InvalidFilter extends ProblemHandler.ProblemException {
        InvalidFilter(String parameter, String value, List<String> allowed) {
            super(HttpStatus.BAD_REQUEST, "'" + value + "' is not a valid value for " + parameter + "; allowed: " + allowed,
                    Map.of("parameter", parameter, "allowed_values", allowed));
        }
    }

    private final List<Predicate<ProjectedItem>> predicates = new ArrayList<>();
    private final Map<String, Object> applied = new LinkedHashMap<>();

    private PlayFilters() {
    }

    static PlayFilters parse(ContentType type, Map<String, List<String>> query) {
        PlayFilters filters = new PlayFilters();
        List<String> categories = values(query, "category");
        if (!categories.isEmpty()) {
            Set<String> allowed = type == ContentType.TRUTH ? TRUTH_CATEGORIES : DARE_CATEGORIES;
            categories.forEach(value -> requireOneOf("category", value, allowed));
            filters.add("category", categories, item -> categories.contains(item.snapshot().category()));
        }
        String maxAge = single(query, "max_age_rating");
        String ageLimit = maxAge == null ? DEFAULT_MAX_AGE_RATING : maxAge.matches("1[38]") ? maxAge + "+" : maxAge;
        requireOneOf("max_age_rating", ageLimit, Set.copyOf(AGE_RATINGS));
        int limit = AGE_RATINGS.indexOf(ageLimit);
        filters.add("max_age_rating", ageLimit, item -> AGE_RATINGS.indexOf(item.snapshot().ageRating()) <= limit);
        if (type == ContentType.DARE) {
            List<String> difficulties = values(query, "difficulty");
            if (!difficulties.isEmpty()) {
                difficulties.forEach(value -> requireOneOf("difficulty", value, DIFFICULTIES));
                filters.add("difficulty", difficulties, item -> difficulties.contains(item.snapshot().difficulty()));
            }
            Boolean indoor = bool(query, "indoor");
            if (indoor != null) {
                filters.add("indoor", indoor, item -> indoor.equals(item.snapshot().indoorSuitable()));
            }
            Boolean outdoor = bool(query, "outdoor");
            if (outdoor != null) {
                filters.add("outdoor", outdoor, item -> outdoor.equals(item.snapshot().outdoorSuitable()));
            }
            Integer maxDuration = positiveInt(query, "max_duration", 1440);
            if (maxDuration != null) {
                filters.add("max_duration", maxDuration, item -> item.snapshot().durationMinutes() == null
                        || item.snapshot().durationMinutes() <= maxDuration);
            }
            Integer players = positiveInt(query, "players", 1000);
            if (players != null) {
                filters.add("players", players, item -> admits(item.snapshot().groupSize(), players));
            }
        }
        return filters;
    }

    Predicate<ProjectedItem> predicate() {
        return predicates.stream().reduce(item -> true, Predicate::and);
    }

    Map<String, Object> applied() {
        return applied;
    }

    private void add(String name, Object value, Predicate<ProjectedItem> predicate) {
        applied.put(name, value);
        predicates.add(predicate);
    }

    private static boolean admits(ContentSnapshot.GroupSize size, int players) {
        return size == null || (size.min() <= players && players <= size.max());
    }

    private static List<String> values(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
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
        requireOneOf(name, value, Set.of("true", "false"));
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
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFilter(name, value, List.of("an integer from 1 to " + max));
    }

    private static void requireOneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidFilter(name, value, allowed.stream().sorted().toList());
        }
    }
}
