package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes a launcher started, one per instance: starting one with its output
 * appended to its log, stopping some (SIGTERM to the process and its descendants, SIGKILL
 * after {@link #STOP_GRACE}), handing one that exited unasked to the {@link Supervisor},
 * keeping {@code processes.tsv} ({@link StatusFile}) up to date, and reading what the
 * current process wrote to its log.
 */
final class ServiceProcesses {

	/**
	 * A stopping service first serves 3 s outside discovery, then drains its requests.
	 */
	static final Duration STOP_GRACE = Duration.ofSeconds(20);

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(ServiceProcesses.class);

	}

	/**
	 * One started process of a module; {@code logOffset} is where its part of the
	 * module's log begins.
	 */
	static final class Started {

		final InstanceId instance;

		final String module;

		final Process process;

		final List<String> command;

		final Map<String, String> environment;

		final long startedAtMillis;

		final long logOffset;

		volatile boolean stopping;

		Started(InstanceId instance, Process process, List<String> command, Map<String, String> environment,
				long startedAtMillis, long logOffset) {
			this.instance = instance;
			this.module = instance.module();
			this.process = process;
			this.command = command;
			this.environment = environment;
			this.startedAtMillis = startedAtMillis;
			this.logOffset = logOffset;
		}

	}

	private final LauncherSettings settings;

	private final Map<InstanceId, Started> current = new ConcurrentHashMap<>();

	/** Instances stopped on request: the supervisor leaves them down. */
	private final Set<InstanceId> stopped = ConcurrentHashMap.newKeySet();

	private final Supervisor supervisor;

	private final StatusFile status;

	private volatile boolean shuttingDown;

	ServiceProcesses(LauncherSettings settings, Supervisor.Policy policy) {
		this.settings = settings;
		this.supervisor = new Supervisor(policy);
		this.status = new StatusFile(settings, this::snapshot);
	}

	/**
	 * Starts one instance's process in {@code home}; refuses while its previous process
	 * is alive.
	 */
	synchronized Started start(InstanceId instance, List<String> command, Map<String, String> environment) {
		return start(instance, command, environment, false);
	}

	private synchronized Started start(InstanceId instance, List<String> command, Map<String, String> environment,
			boolean lowerPriority) {
		String module = instance.module();
		Path log = settings.logFile(instance);
		Started existing = current.get(instance);
		if (existing != null && existing.process.isAlive()) {
			throw new IllegalStateException(instance + " is already running (pid " + existing.process.pid() + ")");
		}
		List<String> launched = lowerPriority ? RestartPriority.lowered(command) : command;
		try {
			Files.createDirectories(log.getParent());
			long offset = Files.exists(log) ? Files.size(log) : 0;
			Files.writeString(log,
					System.lineSeparator() + "===== " + OffsetDateTime.now() + " starting " + instance + ": "
							+ String.join(" ", launched) + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder pb = new ProcessBuilder(launched).directory(settings.home().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			pb.environment().clear();
			pb.environment().putAll(environment);
			long startedAt = System.currentTimeMillis();
			Process process = pb.start();
			process.getOutputStream().close();
			Started started = new Started(instance, process, List.copyOf(command), Map.copyOf(environment), startedAt,
					offset);
			current.put(instance, started);
			stopped.remove(instance);
			process.onExit().thenAccept(p -> exited(started, p.exitValue()));
			Log.LOG.info("started {} (pid {}, port {}), log {}", instance, process.pid(), settings.port(instance), log);
			status.write();
			return started;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + module, e);
		}
	}

	private void exited(Started started, int exitStatus) {
		if (!started.stopping && !shuttingDown) {
			supervisor.exited(started.instance, exitStatus, settings.logFile(started.instance), () -> restart(started));
		}
		status.write();
	}

	/** The supervisor's restart: same command, same environment, unless stopped since. */
	private void restart(Started previous) {
		synchronized (this) {
			if (shuttingDown || stopped.contains(previous.instance) || current.get(previous.instance) != previous) {
				return;
			}
			boolean othersServing = current.values()
				.stream()
				.anyMatch(
						other -> other != previous && other.module.equals(previous.module) && other.process.isAlive());
			if (!othersServing) {
				start(previous.instance, previous.command, previous.environment);
				return;
			}
			Started started = start(previous.instance, previous.command, previous.environment, true);
			RestartPriority.restoreWhenHealthy(started.process,
					settings.serviceUrl(previous.instance) + "/actuator/health");
		}
	}

	/** The instance's most recent process, alive or not. */
	Optional<Started> current(InstanceId instance) {
		return Optional.ofNullable(current.get(instance));
	}

	boolean isRunning(InstanceId instance) {
		return current(instance).map(s -> s.process.isAlive()).orElse(false);
	}

	OptionalLong pid(InstanceId instance) {
		Started started = current.get(instance);
		return started != null && started.process.isAlive() ? OptionalLong.of(started.process.pid())
				: OptionalLong.empty();
	}

	Supervisor.State supervision(InstanceId instance) {
		return supervisor.state(instance);
	}

	/**
	 * SIGKILL, as a crash would: the supervisor restarts the instance. The process tree
	 * is not touched, like a real crash.
	 */
	void kill(InstanceId instance) {
		current(instance).filter(s -> s.process.isAlive()).ifPresent(s -> s.process.destroyForcibly());
	}

	/**
	 * SIGTERM, as an operator or an orchestrator would send it: the instance shuts down
	 * gracefully, then the supervisor starts it again.
	 */
	void terminate(InstanceId instance) {
		current(instance).filter(s -> s.process.isAlive()).ifPresent(s -> s.process.destroy());
	}

	/**
	 * From now on an exit is expected: no warnings or restarts while everything stops.
	 */
	void shuttingDown() {
		shuttingDown = true;
		supervisor.close();
	}

	/** The instances' status file goes when the launcher does. */
	void deleteStatus() {
		status.delete();
	}

	/** Stops the instances' processes in parallel and returns once they are gone. */
	void stop(Collection<InstanceId> instances) {
		stopped.addAll(instances);
		List<Started> running = instances.stream()
			.map(current::get)
			.filter(Objects::nonNull)
			.filter(s -> s.process.isAlive())
			.toList();
		Map<Started, List<ProcessHandle>> trees = new LinkedHashMap<>();
		for (Started started : running) {
			started.stopping = true;
			ProcessHandle handle = started.process.toHandle();
			List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
			tree.addFirst(handle);
			trees.put(started, tree);
			Log.LOG.info("stopping {} (pid {})", started.instance, handle.pid());
			tree.forEach(ProcessHandle::destroy);
		}
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		trees.forEach((started, tree) -> awaitStopped(started, tree, deadline));
		status.write();
	}

	/** One line per instance, as {@code ./run status} shows it. */
	List<StatusFile.Row> snapshot() {
		List<StatusFile.Row> rows = new ArrayList<>();
		for (InstanceId instance : settings.allInstances()) {
			Started started = current.get(instance);
			Supervisor.State state = supervisor.state(instance);
			boolean alive = started != null && started.process.isAlive();
			String condition = alive ? "running"
					: state.gaveUp() ? "gave-up" : state.restartAtMillis() > 0 ? "restarting"
							: stopped.contains(instance) ? "stopped" : started == null ? "not-started" : "exited";
			rows.add(new StatusFile.Row(instance, alive ? started.process.pid() : -1, settings.port(instance),
					started == null ? 0 : started.startedAtMillis, state.restarts(), condition,
					settings.logFile(instance)));
		}
		return rows;
	}

	private static void awaitStopped(Started started, List<ProcessHandle> tree, long deadline) {
		for (ProcessHandle handle : tree) {
			long remaining = Math.max(1, deadline - System.nanoTime());
			try {
				handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException e) {
				Log.LOG.warn("{} (pid {}) did not stop within {} s; killing it", started.instance, handle.pid(),
						STOP_GRACE.toSeconds());
				handle.destroyForcibly();
			}
			catch (ExecutionException e) {
				handle.destroyForcibly();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				tree.forEach(ProcessHandle::destroyForcibly);
				return;
			}
		}
		try {
			started.process.onExit().get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException e) {
			Log.LOG.warn("{} (pid {}) is still alive after SIGKILL", started.instance, started.process.pid());
		}
	}

	/**
	 * The lines of a module's log written since its current process started that contain
	 * {@code text}.
	 */
	List<String> logLinesContaining(InstanceId instance, String text) {
		long offset = current(instance).map(s -> s.logOffset).orElse(0L);
		return readFrom(settings.logFile(instance), offset).lines().filter(l -> l.contains(text)).toList();
	}

	/**
	 * The last lines the process wrote, to quote in an error message (empty when it wrote
	 * none).
	 */
	String tail(Started started) {
		String text = readFrom(settings.logFile(started.instance), started.logOffset);
		List<String> lines = text.lines().toList();
		List<String> last = lines.subList(Math.max(0, lines.size() - 25), lines.size());
		return last.isEmpty() ? "" : System.lineSeparator() + "--- last lines of its log:" + System.lineSeparator()
				+ String.join(System.lineSeparator(), last);
	}

	private static String readFrom(Path file, long offset) {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			long start = Math.max(offset, length - 4 * 1024 * 1024);
			byte[] bytes = new byte[(int) Math.max(0, length - start)];
			raf.seek(start);
			raf.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			return "";
		}
	}

}
