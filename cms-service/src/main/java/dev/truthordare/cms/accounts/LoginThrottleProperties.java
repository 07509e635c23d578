package dev.truthordare.cms.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param failuresBeforeDelay the failure of one address for one username after which that
 * pair has to wait
 * @param firstDelay that first wait; it doubles with every further failure
 * @param maxDelay the longest wait
 * @param usernameSoftLimit failures for one username from all addresses within
 * {@code usernameWindow} after which addresses that never logged in to it are slowed
 * @param usernameWindow the window of {@code usernameSoftLimit}
 * @param usernameGap while slowed, one attempt per this gap from such addresses
 * @param knownAddressFor how long an address stays known (never slowed by the username
 * limit) after a successful login from it
 */
@ConfigurationProperties("cms.login-throttle")
public record LoginThrottleProperties(int failuresBeforeDelay, Duration firstDelay, Duration maxDelay,
		int usernameSoftLimit, Duration usernameWindow, Duration usernameGap, Duration knownAddressFor) {
}
