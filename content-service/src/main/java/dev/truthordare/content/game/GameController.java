package dev.truthordare.content.game;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.play.ItemRenderer;
import dev.truthordare.content.play.PlayFilters;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import dev.truthordare.web.problem.ApiProblem;
import jakarta.annotation.PostConstruct;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Game sessions without repeats: each deck (truths, dares) of a game hands out every item matching the game's settings
 * once, in random order, before a new round starts. Items leave play the moment the index drops them, so an item
 * archived or flagged mid-game is never drawn; a draw is an O(1) pick that rejects the ids already drawn (falling back
 * to a scan of the game's pool near the end of a round).
 */
@RestController
@RequestMapping("/api/v1/games")
class GameController {

    private static final Logger log = LoggerFactory.getLogger(GameController.class);
    private static final String ID_PATTERN = "{id:[A-Za-z0-9-]{1,64}}";
    private static final int MAX_CONCURRENT_DRAW_RETRIES = 20;

    record NewGame(Integer players, String maxAgeRating, List<String> categories, List<String> difficulties,
            String lang) {
    }

    static class UnknownGame extends ApiProblem {
        UnknownGame(String id) {
            super(HttpStatus.NOT_FOUND, "No game '" + id + "': it never existed, was ended, or expired after 24 h"
                    + " without a draw. Start a new one with POST /api/v1/games.", Map.of("game_id", id));
        }
    }

    private final MongoTemplate mongo;
    private final ServableIndex index;
    private final ItemRenderer renderer;
    private final Duration idleTtl;

    GameController(MongoTemplate mongo, ServableIndex index, ItemRenderer renderer,
            @Value("${content.games.idle-ttl:24h}") Duration idleTtl) {
        this.mongo = mongo;
        this.index = index;
        this.renderer = renderer;
        this.idleTtl = idleTtl;
    }

    @PostConstruct
    void ttlIndex() {
        try {
            mongo.indexOps(Game.class).createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
        } catch (RuntimeException e) {
            log.info("The store refused a TTL index on games ({}); expired games are still treated as gone on read",
                    e.getMessage());
        }
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewGame request) {
        if (request == null) {
            throw invalid("body", "The body must be a JSON object such as {\"players\": 4, \"max_age_rating\": \"13+\"}.",
                    List.of("players", "max_age_rating", "categories", "difficulties", "lang"));
        }
        if (request.players() == null || request.players() < 1 || request.players() > 1000) {
            throw invalid("players", "players must be an integer from 1 to 1000, got " + request.players() + ".",
                    List.of("an integer from 1 to 1000"));
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
            lang = Languages.normalise(request.lang()).orElseThrow(() -> invalid("lang",
                    "'" + abbreviate(request.lang()) + "' is not a supported language.",
                    Languages.SUPPORTED.stream().map(Languages.Language::code).toList()));
        }
        Instant now = Instant.now();
        Game game = new Game(UUID.randomUUID().toString(), request.players(), age, categories, difficulties, lang,
                Game.Deck.fresh(), Game.Deck.fresh(), now, now.plus(idleTtl), 0);
        if (index.count(pool(game, ContentType.TRUTH)) == 0 && index.matching(pool(game, ContentType.DARE)).isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "No approved truth or dare matches these game settings; widen the categories, difficulties, "
                            + "max_age_rating or players.", Map.of("settings", settings(game)));
        }
        mongo.insert(game);
        return ResponseEntity.created(URI.create("/api/v1/games/" + game.id()))
                .cacheControl(CacheControl.noStore())
                .body(view(game));
    }

    @GetMapping("/" + ID_PATTERN)
    ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(load(id)));
    }

    @DeleteMapping("/" + ID_PATTERN)
    ResponseEntity<Void> end(@PathVariable String id) {
        load(id);
        mongo.remove(Query.query(Criteria.where("_id").is(id)), Game.class);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/" + ID_PATTERN + "/{kind:truth|dare}")
    ResponseEntity<Map<String, Object>> draw(@PathVariable String id, @PathVariable String kind,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        ContentType type = ContentType.fromWire(kind);
        for (int attempt = 0; attempt < MAX_CONCURRENT_DRAW_RETRIES; attempt++) {
            Game game = load(id);
            Game.Deck deck = game.deck(kind);
            ServableIndex.Query pool = pool(game, type);
            Set<String> drawn = new HashSet<>(deck.drawn());
            Optional<ProjectedItem> next = index.pickRandom(pool.and(item -> !drawn.contains(item.id())));
            Game.Deck updated;
            if (next.isPresent()) {
                List<String> ids = new ArrayList<>(deck.drawn());
                ids.add(next.get().id());
                updated = new Game.Deck(deck.round(), ids);
            } else {
                next = index.pickRandom(pool); // every item of the pool has been drawn: a new round
                if (next.isEmpty()) {
                    throw new ApiProblem(HttpStatus.NOT_FOUND, "No approved " + kind
                            + " matches this game's settings any more.", Map.of("settings", settings(game)));
                }
                updated = new Game.Deck(deck.round() + 1, List.of(next.get().id()));
            }
            Game saved = mongo.findAndModify(
                    Query.query(Criteria.where("_id").is(id).and("version").is(game.version())),
                    new Update().set(kind, updated).set("expiresAt", Instant.now().plus(idleTtl))
                            .set("version", game.version() + 1),
                    FindAndModifyOptions.options().returnNew(true), Game.class);
            if (saved == null) {
                continue; // another draw in this game won the race: draw again from its state
            }
            String language = lang != null && !lang.isBlank() ? lang
                    : acceptLanguage != null && !acceptLanguage.isBlank() ? null : game.lang();
            ItemRenderer.Rendered rendered = renderer.render("v2", next.get(), language, acceptLanguage);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("game_id", id);
            body.put("round", updated.round());
            body.put("drawn_in_round", updated.drawn().size());
            body.put("item", rendered.body());
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.CONTENT_LANGUAGE, rendered.language())
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                    .body(body);
        }
        throw new ApiProblem(HttpStatus.CONFLICT,
                "Too many simultaneous draws in this game; draw again.", Map.of("game_id", id));
    }

    /** The index query for one deck of a game: its settings, as the random endpoints' filters would apply them. */
    private static ServableIndex.Query pool(Game game, ContentType type) {
        Map<String, List<String>> filters = new HashMap<>();
        filters.put("max_age_rating", List.of(game.maxAgeRating()));
        List<String> categories = game.categories() == null ? List.of() : game.categories().stream()
                .filter(PlayFilters.categoriesOf(type)::contains).toList();
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

    private Game load(String id) {
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

    private static Map<String, Object> settings(Game game) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("players", game.players());
        settings.put("max_age_rating", game.maxAgeRating());
        settings.put("categories", game.categories());
        settings.put("difficulties", game.difficulties());
        if (game.lang() != null) {
            settings.put("lang", game.lang());
        }
        return settings;
    }

    private static Map<String, Object> view(Game game) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("game_id", game.id());
        body.putAll(settings(game));
        body.put("truth_round", game.truth().round());
        body.put("truths_drawn_in_round", game.truth().drawn().size());
        body.put("dare_round", game.dare().round());
        body.put("dares_drawn_in_round", game.dare().drawn().size());
        body.put("created_at", game.createdAt());
        body.put("expires_at", game.expiresAt());
        body.put("links", Map.of("truth", "/api/v1/games/" + game.id() + "/truth",
                "dare", "/api/v1/games/" + game.id() + "/dare", "self", "/api/v1/games/" + game.id()));
        return body;
    }

    private static List<String> checked(String name, List<String> values, List<String> allowed) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 20) {
            throw invalid(name, name + " takes at most 20 values.", allowed);
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
