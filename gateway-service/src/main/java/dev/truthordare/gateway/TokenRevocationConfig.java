package dev.truthordare.gateway;

import dev.truthordare.events.revocation.AccountStateFeed;
import dev.truthordare.events.revocation.AccountStates;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The edge reads CMS account states from {@code cms.accounts.v1} (the only Kafka topic it
 * reads) to refuse revoked staff tokens; {@code gateway.revocation.enabled=false} turns
 * that off (CMS and translation-service still check).
 */
@Configuration
@ConditionalOnProperty(name = "gateway.revocation.enabled", havingValue = "true", matchIfMissing = true)
class TokenRevocationConfig {

	@Bean
	AccountStates accountStates() {
		return new AccountStates();
	}

	@Bean(destroyMethod = "close")
	AccountStateFeed accountStateFeed(AccountStates states,
			@Value("${gateway.revocation.bootstrap-servers:${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}}") String servers) {
		AccountStateFeed feed = new AccountStateFeed(states, servers, "gateway-service-account-states", Map.of());
		feed.start();
		return feed;
	}

	@Bean
	TokenRevocationFilter tokenRevocationFilter(AccountStates states) {
		return new TokenRevocationFilter(states);
	}

}
