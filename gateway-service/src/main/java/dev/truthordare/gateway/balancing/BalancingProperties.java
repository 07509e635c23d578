package dev.truthordare.gateway.balancing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ejection how long an instance that refused a connection is left out of the
 * balancing (0 turns ejection off); long enough for discovery to drop a dead instance,
 * short enough that a restarted one soon gets traffic again
 */
@ConfigurationProperties("gateway.balancing")
public record BalancingProperties(@DefaultValue("10s") Duration ejection) {
}
