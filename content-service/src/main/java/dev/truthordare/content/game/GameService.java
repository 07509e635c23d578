package dev.truthordare.content.game;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.play.PlayFilters;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.events.ContentType;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Game sessions without repeats: each deck (truths, dares) of a game hands out every item
 * matching the game's settings once, in random order, before a new round starts. Items
 * leave play the moment the index drops them, so an item archived or flagged mid-game is
 * never drawn; a draw is an O(1) pick that rejects the ids already drawn (falling back to
 * a scan of the game's pool near the end of a round).
 */
@Service
class GameService {

	private static final Logger log = LoggerFactory.getLogger(GameService.class);

	private static final int MAX_CONCURRENT_DRAW_RETRIES = 20;

	static class UnknownGame extends ApiProblem {

		UnknownGame(String id) {
			super(HttpStatus.NOT_FOUND, "No game '" + id + "': it never existed, was ended, or expired after 24 h"
					+ " without a draw. Start a new one with POST /api/v1/games.", Map.of("game_id", id));
		}

	}

	/** One draw: the item, and the deck it was drawn from as it is now. */
	record Drawn(Game game, Game.Deck deck, ProjectedItem item) {
	}

	private final MongoTemplate mongo;

	private final ServableIndex index;

	private final Duration idleTtl;

	GameService(MongoTemplate mongo, ServableIndex index, GameProperties properties) {
		this.mongo = mongo;
		this.index = index;
		this.idleTtl = properties.idleTtl();
	}

	@PostConstruct
	void ttlIndex() {
		try {
			mongo.indexOps(Game.class)
				.createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
		}
		catch (RuntimeException e) {
			log.info("The store refused a TTL index on games ({}); expired games are still treated as gone on read",
					e.getMessage());
		}
	}

	/** Starts a game, or a 422 problem when nothing at all matches its settings. */
	Game start(GameSettings settings) {
		Instant now = Instant.now();
		Game game = new Game(UUID.randomUUID().toString(), settings.players(), settings.maxAgeRating(),
				settings.categories(), settings.difficulties(), settings.lang(), Game.Deck.fresh(), Game.Deck.fresh(),
				now, now.plus(idleTtl), 0, null);
		if (index.count(pool(game, ContentType.TRUTH)) == 0 && index.matching(pool(game, ContentType.DARE)).isEmpty()) {
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
					"No approved truth or dare matches these game settings; widen the categories, difficulties, "
							+ "max_age_rating or players.",
					Map.of("settings", settings));
		}
		return mongo.insert(game);
	}

	/** The game, or a 404 problem when it never existed, was ended or has expired. */
	Game find(String id) {
		Game game = mongo.findById(id, Game.class);
		if (game == null) {
			throw new UnknownGame(id);
		}
		if (game.expiresAt() != null && !game.expiresAt().isAfter(Instant.now())) {
			mongo.remove(Query.query(Criteria.where("_id").is(id).and("expiresAt").is(game.expiresAt())), Game.class);
			throw new UnknownGame(id);
		}
		return game;
	}

	void end(String id) {
		find(id);
		mongo.remove(Query.query(Criteria.where("_id").is(id)), Game.class);
	}

	/**
	 * The next item of one deck: one not drawn yet in this round, or the first of a new
	 * round once every item of the pool has been drawn. Concurrent draws in one game are
	 * settled by the game's version: the loser draws again.
	 */
	Drawn draw(String id, ContentType type) {
		String kind = type.wireName();
		for (int attempt = 0; attempt < MAX_CONCURRENT_DRAW_RETRIES; attempt++) {
			Game game = find(id);
			Game.Deck deck = game.deck(kind);
			ServableIndex.Query pool = pool(game, type);
			Set<String> drawn = new HashSet<>(deck.drawn());
			Optional<ProjectedItem> next = index.pickRandom(pool.and(item -> !drawn.contains(item.id())));
			Game.Deck updated;
			if (next.isPresent()) {
				List<String> ids = new ArrayList<>(deck.drawn());
				ids.add(next.get().id());
				updated = new Game.Deck(deck.round(), ids);
			}
			else {
				next = index.pickRandom(pool); // every item of the pool has been drawn: a
												// new round
				if (next.isEmpty()) {
					throw new ApiProblem(HttpStatus.NOT_FOUND,
							"No approved " + kind + " matches this game's settings any more.",
							Map.of("settings", GameSettings.of(game)));
				}
				updated = new Game.Deck(deck.round() + 1, List.of(next.get().id()));
			}
			String token = UUID.randomUUID().toString();
			Game saved = mongo.findAndModify(
					Query.query(Criteria.where("_id").is(id).and("version").is(game.version())),
					new Update().set(kind, updated)
						.set("expiresAt", Instant.now().plus(idleTtl))
						.set("version", game.version() + 1)
						.set("lastDraw", token),
					FindAndModifyOptions.options().returnNew(true), Game.class);
			if (saved == null) {
				Game now = mongo.findById(id, Game.class);
				saved = now != null && token.equals(now.lastDraw()) ? now : null;
			}
			if (saved != null) {
				return new Drawn(saved, updated, next.get());
			}
			// another draw in this game won the race: draw again from its state
		}
		throw new ApiProblem(HttpStatus.CONFLICT, "Too many simultaneous draws in this game; draw again.",
				Map.of("game_id", id));
	}

	/**
	 * The index query for one deck of a game: its settings, as the random endpoints'
	 * filters would apply them.
	 */
	private static ServableIndex.Query pool(Game game, ContentType type) {
		Map<String, List<String>> filters = new HashMap<>();
		filters.put("max_age_rating", List.of(game.maxAgeRating()));
		List<String> categories = game.categories() == null ? List.of()
				: game.categories().stream().filter(PlayFilters.categoriesOf(type)::contains).toList();
		if (!categories.isEmpty()) {
			filters.put("category", categories);
		}
		if (type == ContentType.DARE) {
			if (game.difficulties() != null && !game.difficulties().isEmpty()) {
				filters.put("difficulty", game.difficulties());
			}
			filters.put("players", List.of(String.valueOf(game.players())));
		}
		return PlayFilters.parse(type, "v2", filters).query();
	}

}
