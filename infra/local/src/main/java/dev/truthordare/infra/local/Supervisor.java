package dev.truthordare.infra.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts an instance that exited without the launcher asking it to: after
 * {@link Policy#firstDelay}, doubling with each crash inside {@link Policy#window} up to
 * {@link Policy#maxDelay}. An instance that crashes more than {@link Policy#maxCrashes}
 * times inside the window is left down, with an ERROR that says so: restarting it again
 * would only hide a broken build or configuration behind a busy loop.
 */
final class Supervisor implements AutoCloseable {

	/** How restarts are spaced and when the supervisor gives up. */
	record Policy(Duration firstDelay, Duration maxDelay, int maxCrashes, Duration window) {

		static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
				Duration.ofMinutes(5));

		/**
		 * The wait before restarting after the {@code crashes}-th crash in the window.
		 */
		Duration delay(int crashes) {
			long millis = firstDelay.toMillis() << Math.min(20, Math.max(0, crashes - 1));
			return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
		}

	}

	/** What the supervisor knows of one instance, for {@code ./run status}. */
	record State(int restarts, boolean gaveUp, long restartAtMillis) {

		static final State NEW = new State(0, false, 0);

	}

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

	}

	private final Policy policy;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
			runnable -> Thread.ofPlatform().name("supervisor").daemon().unstarted(runnable));

	private final Map<InstanceId, Deque<Long>> crashes = new ConcurrentHashMap<>();

	private final Map<InstanceId, State> states = new ConcurrentHashMap<>();

	Supervisor(Policy policy) {
		this.policy = policy;
	}

	State state(InstanceId instance) {
		return states.getOrDefault(instance, State.NEW);
	}

	/**
	 * An instance exited unexpectedly: schedules {@code restart} (or gives up). Returns
	 * the delay, empty when it gave up.
	 */
	synchronized Optional<Duration> exited(InstanceId instance, int status, Path log, Runnable restart) {
		long now = System.currentTimeMillis();
		Deque<Long> recent = crashes.computeIfAbsent(instance, id -> new ArrayDeque<>());
		recent.addLast(now);
		while (!recent.isEmpty() && recent.peekFirst() < now - policy.window().toMillis()) {
			recent.removeFirst();
		}
		State before = state(instance);
		if (recent.size() > policy.maxCrashes()) {
			states.put(instance, new State(before.restarts(), true, 0));
			Log.LOG.error(
					"GIVING UP on {}: it exited {} times within {} min (last status {}). It stays down until the"
							+ " system is restarted; read {}",
					instance, recent.size(), policy.window().toMinutes(), describe(status), log);
			return Optional.empty();
		}
		Duration delay = policy.delay(recent.size());
		states.put(instance, new State(before.restarts(), false, now + delay.toMillis()));
		Log.LOG.warn("{} exited unexpectedly with status {}; restarting it in {} ms (crash {} within {} min); read {}",
				instance, describe(status), delay.toMillis(), recent.size(), policy.window().toMinutes(), log);
		scheduler.schedule(() -> {
			// counted first: the restart writes the status file that shows the count
			states.compute(instance, (id, s) -> new State((s == null ? 0 : s.restarts()) + 1, false, 0));
			try {
				restart.run();
			}
			catch (RuntimeException e) {
				Log.LOG.error("could not restart {}: {}", instance, e.getMessage());
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
		return Optional.of(delay);
	}

	/** Exit statuses above 128 are a signal: 137 is SIGKILL, 143 SIGTERM. */
	static String describe(int status) {
		return switch (status) {
			case 137 -> "137 (SIGKILL)";
			case 143 -> "143 (SIGTERM)";
			default ->
				status > 128 && status < 160 ? status + " (signal " + (status - 128) + ")" : Integer.toString(status);
		};
	}

	@Override
	public void close() {
		scheduler.shutdownNow();
	}

}
