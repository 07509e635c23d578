package dev.truthordare.web.health;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the service's store answers, asked with {@code ping}: the one command every
 * MongoDB wire server implements. Boot's own indicator sends {@code hello}, which the
 * embedded store does not know, so it reported DOWN (and logged a stack trace) while the
 * service served traffic. A store that does not answer is DOWN with one log line, not a
 * stack trace per probe.
 */
public class MongoPingHealthIndicator implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(MongoPingHealthIndicator.class);

	private static final Document PING = new Document("ping", 1);

	private final MongoClient client;

	public MongoPingHealthIndicator(MongoClient client) {
		this.client = client;
	}

	@Override
	public Health health() {
		try {
			Object ok = this.client.getDatabase("admin").runCommand(PING).get("ok");
			return (ok instanceof Number number && number.doubleValue() == 1.0) ? Health.up().build()
					: Health.down().withDetail("ok", String.valueOf(ok)).build();
		}
		catch (RuntimeException ex) {
			log.warn("MongoDB does not answer ping: {}", ex.toString());
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
