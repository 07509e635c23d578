package dev.truthordare.content.game;

import dev.truthordare.content.play.PlayFilters;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.events.Languages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * A game's checked settings. {@code lang} is {@code null} when the game has none (each
 * draw negotiates its own); categories and difficulties are empty for "any".
 */
record GameSettings(int players, String maxAgeRating, List<String> categories, List<String> difficulties, String lang) {

	static final int MAX_PLAYERS = 1000;

	private static final int MAX_VALUES = 20;

	/** What a client sends to start a game; every field is checked by {@link #from}. */
	record NewGame(Integer players, String maxAgeRating, List<String> categories, List<String> difficulties,
			String lang) {
	}

	/**
	 * The settings asked for, or a 400 problem naming the first bad field and the values
	 * it takes.
	 */
	static GameSettings from(NewGame request) {
		if (request == null) {
			throw invalid("body",
					"The body must be a JSON object such as {\"players\": 4, \"max_age_rating\": \"13+\"}.",
					List.of("players", "max_age_rating", "categories", "difficulties", "lang"));
		}
		if (request.players() == null || request.players() < 1 || request.players() > MAX_PLAYERS) {
			throw invalid("players",
					"players must be an integer from 1 to " + MAX_PLAYERS + ", got " + request.players() + ".",
					List.of("an integer from 1 to " + MAX_PLAYERS));
		}
		String age = request.maxAgeRating() == null ? PlayFilters.DEFAULT_MAX_AGE_RATING
				: request.maxAgeRating().strip().matches("1[38]") ? request.maxAgeRating().strip() + "+"
						: request.maxAgeRating().strip();
		if (!PlayFilters.AGE_RATINGS.contains(age)) {
			throw invalid("max_age_rating", "'" + abbreviate(age) + "' is not a valid max_age_rating.",
					PlayFilters.AGE_RATINGS);
		}
		List<String> allCategories = new ArrayList<>(PlayFilters.TRUTH_CATEGORIES);
		allCategories.addAll(PlayFilters.DARE_CATEGORIES);
		List<String> categories = checked("categories", request.categories(), allCategories);
		List<String> difficulties = checked("difficulties", request.difficulties(), PlayFilters.DIFFICULTIES);
		String lang = null;
		if (request.lang() != null && !request.lang().isBlank()) {
			lang = Languages.normalise(request.lang())
				.orElseThrow(() -> invalid("lang", "'" + abbreviate(request.lang()) + "' is not a supported language.",
						Languages.SUPPORTED.stream().map(Languages.Language::code).toList()));
		}
		return new GameSettings(request.players(), age, categories, difficulties, lang);
	}

	static GameSettings of(Game game) {
		return new GameSettings(game.players(), game.maxAgeRating(), game.categories(), game.difficulties(),
				game.lang());
	}

	private static List<String> checked(String name, List<String> values, List<String> allowed) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_VALUES) {
			throw invalid(name, name + " takes at most " + MAX_VALUES + " values.", allowed);
		}
		Set<String> distinct = new LinkedHashSet<>();
		for (String value : values) {
			if (value == null || !allowed.contains(value.strip())) {
				throw invalid(name, "'" + abbreviate(String.valueOf(value)) + "' is not a valid value for " + name
						+ "; allowed: " + allowed, allowed);
			}
			distinct.add(value.strip());
		}
		return List.copyOf(distinct);
	}

	private static ApiProblem invalid(String parameter, String detail, List<String> allowed) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, detail,
				Map.of("parameter", parameter, "allowed_values", allowed));
	}

	private static String abbreviate(String value) {
		return value.length() <= 40 ? value : value.substring(0, 40) + "…";
	}
}
