package dev.truthordare.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.mongodb.health.MongoHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Against the same wire server the local stack embeds: the store health says UP while it
 * answers, DOWN once it is gone.
 */
class MongoPingHealthTest {

	private MongoServer server;

	private String uri;

	@BeforeEach
	void startStore() {
		server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		uri = "mongodb://127.0.0.1:" + address.getPort() + "/content";
	}

	@AfterEach
	void stopStore() {
		server.shutdownNow();
	}

	@Test
	void anEmbeddedStoreThatServesIsUpWhereBootsOwnCheckSaidDown() {
		try (MongoClient client = MongoClients.create(uri)) {
			assertThat(new MongoHealthIndicator(client).health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(new MongoPingHealthIndicator(client).health().getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void aStoreThatIsGoneIsDownWithoutAStackTraceInTheAnswer() {
		try (MongoClient client = MongoClients
			.create(uri + "?serverSelectionTimeoutMS=300&connectTimeoutMS=300&socketTimeoutMS=300")) {
			server.shutdownNow();

			var health = new MongoPingHealthIndicator(client).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().toString()).doesNotContain("\tat ");
		}
	}

	@Test
	void replacesBootsIndicatorInEveryServiceWithAStore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, MongoPingHealth.class,
					HealthContributorAutoConfiguration.class, MongoHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.mongodb.uri=" + uri)
			.run(context -> assertThat(context.getBean("mongoHealthIndicator"))
				.isInstanceOf(MongoPingHealthIndicator.class));
	}

}
