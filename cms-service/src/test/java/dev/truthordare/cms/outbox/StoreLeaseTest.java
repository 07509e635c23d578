package dev.truthordare.cms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.infra.local.SerializedMongoBackend;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The lease as several instances see it through one store. */
class StoreLeaseTest {

	private static final Duration TTL = Duration.ofSeconds(2);

	private final MongoServer server = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private final MongoClient client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());

	private final MongoTemplate mongo = new MongoTemplate(client, "leases-test");

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void oneHolderAtATimeAndAnExpiredHolderCanNeitherRenewNorReleaseItsSuccessorsLease() {
		StoreLease first = new StoreLease(mongo, "job", TTL);
		StoreLease second = new StoreLease(mongo, "job", TTL);

		assertThat(first.acquireOrRenew()).isTrue();
		assertThat(second.acquireOrRenew()).isFalse();
		assertThat(token()).isEqualTo(1);

		// the first stops renewing, as if paused or dead: the second takes over once it
		// has expired
		await().atMost(TTL.multipliedBy(3)).until(second::acquireOrRenew);
		assertThat(token()).isEqualTo(2);
		assertThat(first.stillHeld()).isFalse();

		// waking up, the first can neither end the second's lease nor renew its own
		first.release();
		StoreLease third = new StoreLease(mongo, "job", TTL);
		assertThat(third.acquireOrRenew()).isFalse();
		assertThat(first.acquireOrRenew()).isFalse();
		assertThat(second.stillHeld()).isTrue();
		assertThat(token()).isEqualTo(2);

		// a holder that releases hands over at once
		second.release();
		assertThat(third.acquireOrRenew()).isTrue();
		assertThat(token()).isEqualTo(3);
	}

	@Test
	void leasesOfDifferentJobsAreIndependent() {
		StoreLease relay = new StoreLease(mongo, "outbox-relay", TTL);
		StoreLease accounts = new StoreLease(mongo, "account-states", TTL);

		assertThat(relay.acquireOrRenew()).isTrue();
		assertThat(accounts.acquireOrRenew()).isTrue();
	}

	private long token() {
		return mongo.findById("job", Document.class, StoreLease.COLLECTION).get("token", Number.class).longValue();
	}

}
