package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.infra.local.InstanceId;
import dev.truthordare.infra.local.SystemLauncher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Instances crash and stop under a steady mixed load through the gateway
 * ({@link LoadedSystem}), with two instances of content- and rating-service behind it (of
 * all four services with {@code -Dfaults.full=true}): players must not notice. Needs the
 * second instances, so it runs on request, not in {@code ./mvnw verify}
 * ({@link OutagesIT} is the part that does):
 * {@code ./mvnw -pl system-tests -am verify -Dtest=NoSuchTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='FaultsIT,OutagesIT' -Dfaults=true}
 * (docs/reliability.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

	static final boolean FULL = Boolean.getBoolean("faults.full");

	/** After a crash, how long the error rate is watched. */
	static final Duration AFTER_A_CRASH = Duration.ofSeconds(FULL ? 60 : 30);

	private static LoadedSystem fixture;

	@BeforeAll
	static void steadyLoad() {
		fixture = new LoadedSystem();
	}

	@AfterAll
	static void stopLoad() {
		if (fixture != null) {
			fixture.close();
		}
	}

	private static List<String> servicesUnderTest() {
		return FULL
				? List.of(SystemLauncher.CONTENT, SystemLauncher.RATING, SystemLauncher.TRANSLATION, SystemLauncher.CMS)
				: List.of(SystemLauncher.CONTENT, SystemLauncher.RATING);
	}

	@Test
	@Order(1)
	void killingAnInstanceOfAServiceCostsPlayersAlmostNothingAndTheSupervisorBringsItBack() {
		for (String service : servicesUnderTest()) {
			InstanceId victim = fixture.system.launcher.instances(service).get(1);
			int restartsBefore = fixture.system.launcher.restarts(victim);
			long killedAt = System.currentTimeMillis();
			fixture.system.launcher.kill(victim);

			long windowEnd = killedAt + AFTER_A_CRASH.toMillis();
			fixture.awaitAnswersUntil(windowEnd, AFTER_A_CRASH.plus(SteadyLoad.CLIENT_TIMEOUT).plusSeconds(10));
			List<SteadyLoad.Outcome> window = fixture.load.between(killedAt, killedAt + AFTER_A_CRASH.toMillis());
			fixture.assertPlayersBarelyNoticed(victim + " killed", window, 0.005);

			fixture.system.launcher.awaitBack(List.of(victim));
			assertThat(fixture.system.launcher.restarts(victim)).as(victim + " restarted by the supervisor")
				.isEqualTo(restartsBefore + 1);
		}
	}

	@Test
	@Order(2)
	void stoppingAnInstanceGracefullyCostsPlayersNothing() {
		for (String service : servicesUnderTest()) {
			InstanceId victim = fixture.system.launcher.instances(service).get(0);
			long stoppedAt = System.currentTimeMillis();
			fixture.system.launcher.terminate(victim);
			await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.system.launcher.isRunning(victim));
			fixture.system.launcher.awaitBack(List.of(victim));
			long backAt = System.currentTimeMillis();
			fixture.awaitAnswersUntil(backAt, SteadyLoad.CLIENT_TIMEOUT.plusSeconds(10));

			List<SteadyLoad.Outcome> window = fixture.load.between(stoppedAt, backAt);
			fixture.assertPlayersBarelyNoticed(victim + " stopped (SIGTERM)", window, 0);
		}
	}

	@Test
	@Order(3)
	void everyRatingAnsweredIsCountedOnce() {
		fixture.assertLedgerMatchesTheSystem();
	}

}
