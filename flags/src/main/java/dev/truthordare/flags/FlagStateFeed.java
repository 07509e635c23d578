package dev.truthordare.flags;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.Map;

/**
 * Keeps a {@link FlagStateProvider} fed from {@code flags.v1} (every instance reads every
 * partition, so each one knows every flag). Polls briefly ({@value #POLL_MILLIS} ms), so
 * a change reaches every instance well within 2 s. Until the topic is reached (Kafka
 * down, topic not created yet) the provider answers from what it holds: the default
 * flags, all on.
 */
public final class FlagStateFeed extends CompactedTopicReader<FlagState> {

	static final long POLL_MILLIS = 100;

	/**
	 * @param clientId names this reader in the broker's logs and metrics
	 * @param extraConfig further consumer settings (security, timeouts), may be empty
	 */
	public FlagStateFeed(FlagStateProvider provider, String bootstrapServers, String clientId,
			Map<String, Object> extraConfig) {
		super(Topics.FLAGS, FlagState.class, provider::apply, Duration.ofMillis(POLL_MILLIS), false, () -> {
		}, bootstrapServers, clientId, extraConfig);
	}

}
