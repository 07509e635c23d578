package dev.truthordare.events.revocation;

import dev.truthordare.events.AccountState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@code cms.accounts.v1} from its beginning into an {@link AccountStates}, and
 * then follows it (every instance reads every partition, so each one knows every
 * revocation). The states become ready once the topic has been read to the end it had at
 * start; a topic that does not exist yet holds no revocation, so it counts as read (and
 * is looked for again).
 */
public final class AccountStateFeed extends CompactedTopicReader<AccountState> {

	/**
	 * @param clientId names this reader in the broker's logs and metrics
	 * @param extraConfig further consumer settings (security, timeouts), may be empty
	 */
	public AccountStateFeed(AccountStates states, String bootstrapServers, String clientId,
			Map<String, Object> extraConfig) {
		super(Topics.CMS_ACCOUNTS, AccountState.class, states::apply, Duration.ofMillis(500), true, states::markReady,
				bootstrapServers, clientId, extraConfig);
	}

}
