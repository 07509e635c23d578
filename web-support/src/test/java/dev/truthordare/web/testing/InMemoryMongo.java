package dev.truthordare.web.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.infra.local.SerializedMongoBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A MongoDB wire-protocol server in memory for one test class, with a client to it:
 * {@code @RegisterExtension static final InMemoryMongo MONGO = new InMemoryMongo();}.
 * Tests of a projection's ordering rules use it with {@link HeldBackMongo} to run its
 * real queries without a Spring context.
 */
public final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

	private MongoServer server;

	private MongoClient client;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));
		this.client = MongoClients.create("mongodb://localhost:" + this.server.bind().getPort());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.client.close();
		this.server.shutdownNow();
	}

	public MongoClient client() {
		return this.client;
	}

	public MongoTemplate template(String database) {
		return new MongoTemplate(this.client, database);
	}

}
