package dev.truthordare.cms.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval how often the relays look for unpublished events
 * @param source the CloudEvents source of every event published
 * @param leaseTtl how long a relay's lease outlives its holder's last renewal
 * ({@code CMS_OUTBOX_LEASE_TTL}): when the instance relaying dies, another takes over
 * after at most this plus one poll interval
 */
@ConfigurationProperties("cms.outbox")
public record OutboxProperties(Duration pollInterval, String source, Duration leaseTtl) {

	public OutboxProperties {
		leaseTtl = leaseTtl == null ? Duration.ofSeconds(10) : leaseTtl;
	}
}
