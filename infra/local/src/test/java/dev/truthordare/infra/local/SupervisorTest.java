package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SupervisorTest {

	@Test
	void theDelayStartsAtOneSecondDoublesAndStopsAtThirty() {
		Supervisor.Policy policy = Supervisor.Policy.DEFAULT;
		assertThat(policy.delay(1)).hasSeconds(1);
		assertThat(policy.delay(2)).hasSeconds(2);
		assertThat(policy.delay(3)).hasSeconds(4);
		assertThat(policy.delay(5)).hasSeconds(16);
		assertThat(policy.delay(6)).hasSeconds(30);
		assertThat(policy.delay(60)).hasSeconds(30);
	}

	@Test
	void restartsEachCrashUntilTooManyFallInsideTheWindowThenGivesUp() {
		InstanceId instance = new InstanceId(SystemLauncher.RATING, 2);
		AtomicInteger restarted = new AtomicInteger();
		try (Supervisor supervisor = new Supervisor(
				new Supervisor.Policy(Duration.ofMillis(1), Duration.ofMillis(5), 3, Duration.ofMinutes(5)))) {
			for (int crash = 1; crash <= 3; crash++) {
				Optional<Duration> delay = supervisor.exited(instance, 137, Path.of("rating-service-2.log"),
						restarted::incrementAndGet);
				assertThat(delay).isPresent();
				int expected = crash;
				await().atMost(Duration.ofSeconds(5)).until(() -> restarted.get() == expected);
				await().atMost(Duration.ofSeconds(5)).until(() -> supervisor.state(instance).restarts() == expected);
			}
			assertThat(supervisor.exited(instance, 1, Path.of("rating-service-2.log"), restarted::incrementAndGet))
				.isEmpty();
			assertThat(supervisor.state(instance).gaveUp()).isTrue();
			assertThat(restarted).hasValue(3);
			assertThat(supervisor.state(new InstanceId(SystemLauncher.RATING, 1))).isEqualTo(Supervisor.State.NEW);
		}
	}

	@Test
	void namesTheSignalBehindAnExitStatus() {
		assertThat(Supervisor.describe(137)).isEqualTo("137 (SIGKILL)");
		assertThat(Supervisor.describe(143)).isEqualTo("143 (SIGTERM)");
		assertThat(Supervisor.describe(134)).isEqualTo("134 (signal 6)");
		assertThat(Supervisor.describe(1)).isEqualTo("1");
	}

}
