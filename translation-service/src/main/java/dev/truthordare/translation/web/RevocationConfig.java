package dev.truthordare.translation.web;

import dev.truthordare.events.revocation.AccountStateFeed;
import dev.truthordare.events.revocation.AccountStates;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads CMS account states from the beginning of {@code cms.accounts.v1} before this
 * instance serves (up to {@code translation.security.revocations-startup-wait}), so it
 * knows every revocation when the first write arrives.
 */
@Configuration
class RevocationConfig {

	private static final Logger log = LoggerFactory.getLogger(RevocationConfig.class);

	@Bean
	AccountStates accountStates() {
		return new AccountStates();
	}

	@Bean(destroyMethod = "close")
	AccountStateFeed accountStateFeed(AccountStates states,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${translation.security.revocations-startup-wait:10s}") Duration startupWait)
			throws InterruptedException {
		AccountStateFeed feed = new AccountStateFeed(states, bootstrapServers, "translation-service-account-states",
				Map.of());
		feed.start();
		if (!feed.awaitCaughtUp(startupWait)) {
			log.warn("Account states not read within {}; staff tokens get 503 until they are", startupWait);
		}
		return feed;
	}

}
