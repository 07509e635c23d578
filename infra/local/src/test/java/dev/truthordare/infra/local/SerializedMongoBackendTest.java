package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.reflect.Proxy;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Compare-and-set on a document's version, as the game draws, CMS moderation and the
 * projections do it: whatever the interleaving of the connections, a version is won once,
 * so no winner's write is lost.
 */
class SerializedMongoBackendTest {

	@Test
	void everyWonVersionKeepsItsWriteWhenManyConnectionsRace() throws Exception {
		MongoServer server = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));
		ExecutorService racers = Executors.newFixedThreadPool(8);
		try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.bind().getPort())) {
			MongoCollection<Document> games = client.getDatabase("race").getCollection("games");
			games.insertOne(new Document("_id", "g").append("version", 0L).append("drawn", List.of()));
			AtomicInteger wins = new AtomicInteger();
			List<CompletableFuture<Void>> all = new ArrayList<>();
			for (int racer = 0; racer < 8; racer++) {
				String name = "racer-" + racer;
				all.add(CompletableFuture.runAsync(() -> {
					for (int round = 0; round < 50; round++) {
						long seen = games.find(Filters.eq("_id", "g")).first().getLong("version");
						Document won = games.findOneAndUpdate(
								Filters.and(Filters.eq("_id", "g"), Filters.eq("version", seen)),
								Updates.combine(Updates.push("drawn", name + "-" + round),
										Updates.set("version", seen + 1)),
								new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
						if (won != null) {
							wins.incrementAndGet();
						}
					}
				}, racers));
			}
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

			Document game = games.find(Filters.eq("_id", "g")).first();
			assertThat(game.getLong("version")).isEqualTo(wins.get());
			assertThat(game.getList("drawn", String.class)).hasSize(wins.get());
		}
		finally {
			racers.shutdownNow();
			server.shutdownNow();
		}
	}

	@Test
	void oneDatabasesCommandsDoNotWaitForAnothersButWaitForTheirOwn() throws Exception {
		CountDownLatch insideA = new CountDownLatch(1);
		CountDownLatch releaseA = new CountDownLatch(1);
		MongoBackend slowOnA = (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
				new Class<?>[] { MongoBackend.class }, (proxy, method, args) -> {
					if (method.getName().equals("handleCommand") && "a".equals(args[1])) {
						insideA.countDown();
						releaseA.await();
					}
					return null;
				});
		MongoBackend serialized = SerializedMongoBackend.wrap(slowOnA);
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try {
			Future<?> first = callers.submit(() -> serialized.handleCommand(null, "a", "find", null));
			assertThat(insideA.await(10, TimeUnit.SECONDS)).isTrue();

			Future<?> otherDatabase = callers.submit(() -> serialized.handleCommand(null, "b", "find", null));
			otherDatabase.get(10, TimeUnit.SECONDS);

			Thread sameDatabase = new Thread(() -> serialized.handleCommand(null, "a", "update", null));
			sameDatabase.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> sameDatabase.getState() == Thread.State.BLOCKED);

			releaseA.countDown();
			first.get(10, TimeUnit.SECONDS);
			sameDatabase.join(10_000);
			assertThat(sameDatabase.isAlive()).isFalse();
		}
		finally {
			releaseA.countDown();
			callers.shutdownNow();
		}
	}

}
