package dev.truthordare.cms.content.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.ContentType;
import dev.truthordare.infra.local.SerializedMongoBackend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two CMS instances (two clients, one database) handing out numbers at the same time
 * never hand out one twice.
 */
class LegacyNumbersConcurrencyTest {

	private final MongoServer server = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private final String address = "mongodb://localhost:" + server.bind().getPort();

	private final List<MongoClient> clients = new ArrayList<>();

	private MongoTemplate instance() {
		MongoClient client = MongoClients.create(address);
		clients.add(client);
		return new MongoTemplate(client, "cms");
	}

	@AfterEach
	void stop() {
		clients.forEach(MongoClient::close);
		server.shutdownNow();
	}

	@Test
	void twoInstancesNeverHandOutTheSameNumberAndNeverOneAReservationCovers() throws Exception {
		LegacyNumbers first = new LegacyNumbers(instance());
		LegacyNumbers second = new LegacyNumbers(instance());
		first.reserve(ContentType.TRUTH, 55);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> handedOut = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				LegacyNumbers numbers = i % 2 == 0 ? first : second;
				int n = i;
				handedOut.add(pool.submit((Callable<Integer>) () -> {
					if (n == 200) {
						numbers.reserve(ContentType.TRUTH, 100_000); // an import of
																		// legacy truth
																		// 100000
																		// meanwhile
					}
					return numbers.next(ContentType.TRUTH);
				}));
			}
			Set<Integer> numbers = new HashSet<>();
			for (Future<Integer> number : handedOut) {
				numbers.add(number.get());
			}
			assertThat(numbers).hasSize(400).allMatch(number -> number > 55).doesNotContain(100_000);
			assertThat(second.next(ContentType.TRUTH)).isGreaterThan(100_000);
			assertThat(first.next(ContentType.DARE)).isEqualTo(1); // each type counts on
																	// its own
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theUniqueKeyRefusesASecondItemWithTheSameNumberWhileUnnumberedItemsCoexist() {
		MongoTemplate mongo = instance();
		new LegacyNumbers(mongo);
		mongo.insert(new Document("_id", "a").append("legacyKey", LegacyNumbers.key(ContentType.TRUTH, 17)), "content");
		mongo.insert(new Document("_id", "b"), "content");
		mongo.insert(new Document("_id", "c"), "content");
		mongo.insert(new Document("_id", "d").append("legacyKey", LegacyNumbers.key(ContentType.DARE, 17)), "content");

		assertThatThrownBy(() -> mongo.insert(new Document("_id", "e").append("legacyKey", "truth:17"), "content"))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(LegacyNumbers.fromSeedId("truth-017")).isEqualTo(17);
		assertThat(LegacyNumbers.fromSeedId("dare-005")).isEqualTo(5);
		assertThat(LegacyNumbers.fromSeedId("imported-truth-17")).isNull();
	}

}
