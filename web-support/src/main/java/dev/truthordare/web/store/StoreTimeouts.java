package dev.truthordare.web.store;

import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * The {@link StoreProperties} timeouts on every MongoDB client Boot builds. Applied after
 * Boot's own customizer (order 0, the connection string), so they hold even where the
 * connection string names its own: the environment variables are the one place to change
 * them.
 */
public class StoreTimeouts implements MongoClientSettingsBuilderCustomizer, Ordered {

	private final StoreProperties properties;

	public StoreTimeouts(StoreProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(MongoClientSettings.Builder settings) {
		settings
			.applyToClusterSettings(cluster -> cluster
				.serverSelectionTimeout(properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(
					socket -> socket.connectTimeout((int) properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout((int) properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
