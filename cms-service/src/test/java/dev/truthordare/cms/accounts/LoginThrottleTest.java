package dev.truthordare.cms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The login delays with their numbers, on a clock the test moves. */
class LoginThrottleTest {

	private static final String ATTACKER = "203.0.113.7";

	private static final String OWNER = "198.51.100.2";

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoTemplate mongo = new MongoTemplate(
			MongoClients.create("mongodb://localhost:" + server.bind().getPort()), "cms");

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(mongo,
			new LoginThrottleProperties(5, Duration.ofSeconds(1), Duration.ofMinutes(15), 20, Duration.ofMinutes(15),
					Duration.ofSeconds(2), Duration.ofDays(30)),
			clock);

	@AfterEach
	void stop() {
		server.shutdownNow();
	}

	@Test
	void theWaitStartsAtOneSecondAfterTheFifthFailureAndDoublesUpToFifteenMinutes() {
		assertThat(throttle.delayAfter(4)).isZero();
		assertThat(throttle.delayAfter(5)).hasSeconds(1);
		assertThat(throttle.delayAfter(6)).hasSeconds(2);
		assertThat(throttle.delayAfter(10)).hasSeconds(32);
		assertThat(throttle.delayAfter(14)).hasSeconds(512);
		assertThat(throttle.delayAfter(15)).hasMinutes(15);
		assertThat(throttle.delayAfter(1_000)).hasMinutes(15);
	}

	@Test
	void anAttackerAtTheLimitSlowsOnlyItsOwnAddressNeverTheOwners() {
		for (int i = 0; i < 4; i++) {
			throttle.requireAllowed("admin", ATTACKER);
			throttle.failed("admin", ATTACKER);
		}
		throttle.requireAllowed("admin", ATTACKER);
		throttle.failed("admin", ATTACKER);

		assertThatThrownBy(() -> throttle.requireAllowed("admin", ATTACKER)).isInstanceOf(LoginThrottle.Locked.class)
			.hasMessageContaining("1 s");
		assertThatCode(() -> throttle.requireAllowed("admin", OWNER)).doesNotThrowAnyException();

		clock.advance(Duration.ofSeconds(1));
		throttle.requireAllowed("admin", ATTACKER);
		throttle.failed("admin", ATTACKER);
		assertThatThrownBy(() -> throttle.requireAllowed("admin", ATTACKER)).hasMessageContaining("2 s");
	}

	@Test
	void anAttackerGuessingAroundTheClockGetsAboutOneHundredGuessesADayPerAddress() {
		Instant start = clock.instant();
		int guesses = 0;
		while (clock.instant().isBefore(start.plus(Duration.ofDays(1)))) {
			try {
				throttle.requireAllowed("admin", ATTACKER);
				throttle.failed("admin", ATTACKER);
				guesses++;
			}
			catch (LoginThrottle.Locked waiting) {
				clock.advance(Duration.ofSeconds(waiting.retryAfterSeconds()));
			}
		}

		// 14 guesses in the first 1023 s (waits of 1, 2, ... 512 s), then one per 15 min
		assertThat(guesses).isBetween(105, 112);
		assertThatCode(() -> throttle.requireAllowed("admin", OWNER)).doesNotThrowAnyException();
	}

	@Test
	void guessingFromManyAddressesSlowsNewAddressesButNotTheOwnersKnownOne() {
		throttle.succeeded("admin", OWNER);
		for (int i = 0; i < 20; i++) {
			throttle.requireAllowed("admin", "192.0.2." + i);
			throttle.failed("admin", "192.0.2." + i);
		}

		throttle.requireAllowed("admin", "192.0.2.100");
		assertThatThrownBy(() -> throttle.requireAllowed("admin", "192.0.2.101"))
			.isInstanceOf(LoginThrottle.Locked.class)
			.hasMessageContaining("2 s");
		assertThatCode(() -> throttle.requireAllowed("admin", OWNER)).doesNotThrowAnyException();
		clock.advance(Duration.ofSeconds(2));
		assertThatCode(() -> throttle.requireAllowed("admin", "192.0.2.101")).doesNotThrowAnyException();

		clock.advance(Duration.ofMinutes(16));
		assertThatCode(() -> throttle.requireAllowed("admin", "192.0.2.102")).doesNotThrowAnyException();
		assertThatCode(() -> throttle.requireAllowed("admin", "192.0.2.103")).doesNotThrowAnyException();
	}

	@Test
	void unlockingEndsEveryWaitOfTheAccount() {
		for (int i = 0; i < 8; i++) {
			throttle.failed("admin", ATTACKER);
		}
		assertThatThrownBy(() -> throttle.requireAllowed("admin", ATTACKER)).hasMessageContaining("8 s");

		LoginThrottle.Cleared cleared = throttle.unlock("admin");

		assertThat(cleared.addresses()).isEqualTo(1);
		assertThatCode(() -> throttle.requireAllowed("admin", ATTACKER)).doesNotThrowAnyException();
	}

	@Test
	void aPairThatStopsFailingForAnHourStartsAgainFromZero() {
		for (int i = 0; i < 7; i++) {
			throttle.failed("admin", ATTACKER);
		}
		clock.advance(Duration.ofMinutes(61));

		throttle.failed("admin", ATTACKER);

		assertThatCode(() -> throttle.requireAllowed("admin", ATTACKER)).doesNotThrowAnyException();
	}

	@Test
	void clientAddressesAreIpLiteralsAndIpv6CountsPerSlash64() {
		assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.key("2001:db8:1:2:bbbb::9"))
			.isEqualTo("2001:0db8:0001:0002::/64");
		assertThat(ClientAddress.key("[2001:db8::1]")).isEqualTo("2001:0db8:0000:0000::/64");
		assertThat(ClientAddress.key("999.1.1.1")).isNull();
		assertThat(ClientAddress.key("example.com")).isNull();
		assertThat(ClientAddress.key("1.2.3.4, 5.6.7.8")).isNull();
		assertThat(ClientAddress.key(":::::::::zz")).isNull();
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
