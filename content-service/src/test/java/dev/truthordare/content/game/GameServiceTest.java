package dev.truthordare.content.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.web.testing.InMemoryMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * A draw whose write reached the store but whose answer did not: the MongoDB driver
 * retries the write after a read timeout, the retry finds the game's version moved on,
 * and the draw must still know its own write won rather than draw again (which would
 * leave an item the player never saw marked as drawn, and a repeat later in the round).
 */
class GameServiceTest {

	@RegisterExtension
	static final InMemoryMongo MONGO = new InMemoryMongo();

	/** Applies every write; the answer to every third one is "nothing matched". */
	static final class LosingAnswers extends MongoTemplate {

		final AtomicInteger writes = new AtomicInteger();

		LosingAnswers(MongoTemplate real) {
			super(real.getMongoDatabaseFactory());
		}

		@Override
		public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options,
				Class<T> entityClass) {
			T saved = super.findAndModify(query, update, options, entityClass);
			return writes.incrementAndGet() % 3 == 0 ? null : saved;
		}

	}

	@Test
	void aDrawWhoseAnswerWasLostIsStillHandedOutAndNeverRepeatedInTheRound() {
		ServableIndex index = new ServableIndex();
		List<String> pool = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			String id = "t-%02d".formatted(i);
			pool.add(id);
			index.applySnapshot(new ContentSnapshot(id, ContentType.TRUTH, "Question " + id + ", be honest?", "en",
					"deep", null, 2, "all", List.of(), ContentStatus.APPROVED, null, null, null, null, null, null,
					Instant.EPOCH, Instant.EPOCH, 1));
		}
		LosingAnswers store = new LosingAnswers(MONGO.template("games"));
		GameService games = new GameService(store, index, new GameProperties(Duration.ofHours(24)));
		Game game = games.start(new GameSettings(4, "all", List.of("deep"), List.of(), "en"));

		List<String> drawn = new ArrayList<>();
		for (int i = 0; i < pool.size(); i++) {
			drawn.add(games.draw(game.id(), ContentType.TRUTH).item().id());
		}

		assertThat(drawn).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pool);
		assertThat(games.find(game.id()).truth().drawn()).containsExactlyElementsOf(drawn);
		assertThat(store.writes).hasValue(pool.size());
	}

}
