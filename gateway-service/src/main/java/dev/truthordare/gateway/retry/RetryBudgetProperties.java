package dev.truthordare.gateway.retry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ratio retries allowed as a share of the requests in the window
 * @param minPerSecond retries always allowed per second, however few requests there are
 * @param window how far back requests and retries are counted
 */
@ConfigurationProperties("gateway.retry-budget")
public record RetryBudgetProperties(@DefaultValue("0.2") double ratio, @DefaultValue("10") int minPerSecond,
		@DefaultValue("10s") Duration window) {
}
