package dev.truthordare.content.game;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One game's settings and what it has drawn so far, per deck. Stored, not held in memory,
 * so any instance can serve any game and a restart loses nothing; {@code version} guards
 * against two concurrent draws in one game. {@code expiresAt} moves 24 h past every use:
 * a TTL index removes idle games where the store enforces it, and reads treat an expired
 * game as gone either way (the embedded store does not run TTL indexes). {@code lastDraw}
 * names the draw that wrote the game last, so a draw whose write was applied but whose
 * answer was lost (the driver retries a write after a read timeout, and the retry then
 * finds the version moved on) still knows it won.
 */
@Document("games")
record Game(@Id String id, int players, String maxAgeRating, List<String> categories, List<String> difficulties,
		String lang, Deck truth, Deck dare, Instant createdAt, Instant expiresAt, long version, String lastDraw) {

	/** The current round of one deck and the ids drawn in it, in order. */
	record Deck(int round, List<String> drawn) {
		static Deck fresh() {
			return new Deck(1, List.of());
		}
	}

	Deck deck(String kind) {
		return kind.equals("truth") ? truth : dare;
	}
}
