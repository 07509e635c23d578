package dev.truthordare.content.game;

import dev.truthordare.content.play.ItemRenderer;
import dev.truthordare.content.play.ItemView;
import dev.truthordare.events.ContentType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
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

/** Game sessions: start one, look at it, draw from its decks without repeats, end it. */
@RestController
@RequestMapping("/api/v1/games")
class GameController {

	private static final String ID_PATTERN = "{id:[A-Za-z0-9-]{1,64}}";

	/**
	 * A game: its settings, where each deck stands, and when it expires unless drawn from
	 * again.
	 */
	record GameView(String gameId, int players, String maxAgeRating, List<String> categories, List<String> difficulties,
			String lang, int truthRound, int truthsDrawnInRound, int dareRound, int daresDrawnInRound,
			Instant createdAt, Instant expiresAt, GameLinks links) {

		static GameView of(Game game) {
			String self = "/api/v1/games/" + game.id();
			return new GameView(game.id(), game.players(), game.maxAgeRating(), game.categories(), game.difficulties(),
					game.lang(), game.truth().round(), game.truth().drawn().size(), game.dare().round(),
					game.dare().drawn().size(), game.createdAt(), game.expiresAt(),
					new GameLinks(self + "/truth", self + "/dare", self));
		}
	}

	record GameLinks(String truth, String dare, String self) {
	}

	/**
	 * One draw: the round it belongs to, how many items that round has handed out so far,
	 * and the item (v2).
	 */
	record Draw(String gameId, int round, int drawnInRound, ItemView item) {
	}

	private final GameService games;

	private final ItemRenderer renderer;

	GameController(GameService games, ItemRenderer renderer) {
		this.games = games;
		this.renderer = renderer;
	}

	@PostMapping
	ResponseEntity<GameView> create(@RequestBody(required = false) GameSettings.NewGame request) {
		Game game = games.start(GameSettings.from(request));
		return ResponseEntity.created(URI.create("/api/v1/games/" + game.id()))
			.cacheControl(CacheControl.noStore())
			.body(GameView.of(game));
	}

	@GetMapping("/" + ID_PATTERN)
	ResponseEntity<GameView> get(@PathVariable String id) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(GameView.of(games.find(id)));
	}

	@DeleteMapping("/" + ID_PATTERN)
	ResponseEntity<Void> end(@PathVariable String id) {
		games.end(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/" + ID_PATTERN + "/{kind:truth|dare}")
	ResponseEntity<Draw> draw(@PathVariable String id, @PathVariable String kind,
			@RequestParam(required = false) String lang,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		GameService.Drawn drawn = games.draw(id, ContentType.fromWire(kind));
		// an explicit choice in the request wins over the game's language; without one,
		// the game's applies
		String language = lang != null && !lang.isBlank() ? lang
				: acceptLanguage != null && !acceptLanguage.isBlank() ? null : drawn.game().lang();
		ItemRenderer.Rendered rendered = renderer.render("v2", drawn.item(), language, acceptLanguage);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_LANGUAGE, rendered.language())
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
			.body(new Draw(id, drawn.deck().round(), drawn.deck().drawn().size(), rendered.body()));
	}

}
