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
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes a launcher started, one per module: starting one with its output appended
 * to its log, stopping some (SIGTERM to the process and its descendants, SIGKILL after
 * {@link #STOP_GRACE}), and reading what the current process wrote to its log.
 */
final class ServiceProcesses {

	static final Duration STOP_GRACE = Duration.ofSeconds(10);

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(ServiceProcesses.class);

	}

	/**
	 * One started process of a module; {@code logOffset} is where its part of the
	 * module's log begins.
	 */
	static final class Started {

		final String module;

		final Process process;

		final long startedAtMillis;

		final long logOffset;

		volatile boolean stopping;

		Started(String module, Process process, long startedAtMillis, long logOffset) {
			this.module = module;
			this.process = process;
			this.startedAtMillis = startedAtMillis;
			this.logOffset = logOffset;
		}

	}

	private final LauncherSettings settings;

	private final Map<String, Started> current = new ConcurrentHashMap<>();

	private volatile boolean shuttingDown;

	ServiceProcesses(LauncherSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts one module's process in {@code home}; refuses while its previous process is
	 * alive.
	 */
	Started start(String module, List<String> command, Map<String, String> environment) {
		Path log = settings.logFile(module);
		Started existing = current.get(module);
		if (existing != null && existing.process.isAlive()) {
			throw new IllegalStateException(module + " is already running (pid " + existing.process.pid() + ")");
		}
		try {
			Files.createDirectories(log.getParent());
			long offset = Files.exists(log) ? Files.size(log) : 0;
			Files.writeString(log,
					System.lineSeparator() + "===== " + OffsetDateTime.now() + " starting " + module + ": "
							+ String.join(" ", command) + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder pb = new ProcessBuilder(command).directory(settings.home().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			pb.environment().clear();
			pb.environment().putAll(environment);
			long startedAt = System.currentTimeMillis();
			Process process = pb.start();
			process.getOutputStream().close();
			Started started = new Started(module, process, startedAt, offset);
			current.put(module, started);
			process.onExit().thenAccept(p -> {
				if (!started.stopping && !shuttingDown) {
					Log.LOG.warn("{} exited unexpectedly with status {}; see {}", module, p.exitValue(), log);
				}
			});
			Log.LOG.info("started {} (pid {}, port {}), log {}", module, process.pid(), settings.port(module), log);
			return started;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + module, e);
		}
	}

	/** The module's most recent process, alive or not. */
	Optional<Started> current(String module) {
		return Optional.ofNullable(current.get(module));
	}

	boolean isRunning(String module) {
		return current(module).map(s -> s.process.isAlive()).orElse(false);
	}

	OptionalLong pid(String module) {
		Started started = current.get(module);
		return started != null && started.process.isAlive() ? OptionalLong.of(started.process.pid())
				: OptionalLong.empty();
	}

	/** From now on an exit is expected: no warnings while everything stops. */
	void shuttingDown() {
		shuttingDown = true;
	}

	/** Stops the modules' processes in parallel and returns once they are gone. */
	void stop(Collection<String> modules) {
		List<Started> running = modules.stream()
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
			Log.LOG.info("stopping {} (pid {})", started.module, handle.pid());
			tree.forEach(ProcessHandle::destroy);
		}
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		trees.forEach((started, tree) -> awaitStopped(started, tree, deadline));
	}

	private static void awaitStopped(Started started, List<ProcessHandle> tree, long deadline) {
		for (ProcessHandle handle : tree) {
			long remaining = Math.max(1, deadline - System.nanoTime());
			try {
				handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException e) {
				Log.LOG.warn("{} (pid {}) did not stop within {} s; killing it", started.module, handle.pid(),
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
			Log.LOG.warn("{} (pid {}) is still alive after SIGKILL", started.module, started.process.pid());
		}
	}

	/**
	 * The lines of a module's log written since its current process started that contain
	 * {@code text}.
	 */
	List<String> logLinesContaining(String module, String text) {
		long offset = current(module).map(s -> s.logOffset).orElse(0L);
		return readFrom(settings.logFile(module), offset).lines().filter(l -> l.contains(text)).toList();
	}

	/**
	 * The last lines the process wrote, to quote in an error message (empty when it wrote
	 * none).
	 */
	String tail(Started started) {
		String text = readFrom(settings.logFile(started.module), started.logOffset);
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
