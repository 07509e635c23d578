package dev.truthordare.infra.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restarted instance starts at a lower CPU priority while another instance of its
 * service is serving. A JVM starting takes a core for tens of seconds (class loading,
 * JIT); on a small machine that starved the gateway and the surviving instances, and
 * players saw 503s for reads that had nothing to do with the crash. At nice 10 the
 * scheduler gives the restart what the serving processes leave, and once the instance
 * answers its health check it is put back to normal priority, so it serves at full speed.
 * Where {@code nice} or {@code renice} is missing or refused, it starts as usual.
 */
final class RestartPriority {

	static final int NICENESS = 10;

	private static final Duration POLL = Duration.ofSeconds(1);

	private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(RestartPriority.class);

	}

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private RestartPriority() {
	}

	/** The command, run at lower priority when {@code nice} exists. */
	static List<String> lowered(List<String> command) {
		if (!onPath("nice") || !onPath("renice")) {
			return command;
		}
		List<String> niced = new ArrayList<>(List.of("nice", "-n", String.valueOf(NICENESS)));
		niced.addAll(command);
		return niced;
	}

	/**
	 * Puts the process back to normal priority once {@code healthUrl} answers 200, in the
	 * background.
	 */
	static void restoreWhenHealthy(Process process, String healthUrl) {
		Thread.ofVirtual().name("restore-priority-" + process.pid()).start(() -> {
			long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
			while (process.isAlive() && System.nanoTime() < deadline) {
				if (healthy(healthUrl)) {
					renice(process);
					return;
				}
				try {
					Thread.sleep(POLL);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
	}

	private static boolean onPath(String name) {
		List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
		String path = System.getenv("PATH");
		if (path != null) {
			dirs.addAll(List.of(path.split(File.pathSeparator)));
		}
		return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name)).anyMatch(Files::isExecutable);
	}

	private static boolean healthy(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void renice(Process process) {
		try {
			Process renice = new ProcessBuilder("renice", "-n", "0", "-p", String.valueOf(process.pid()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			int status = renice.waitFor();
			if (status == 0) {
				Log.LOG.info("pid {} is healthy: back to normal priority", process.pid());
			}
			else {
				Log.LOG.warn("renice of pid {} failed (status {}): it keeps nice {}", process.pid(), status, NICENESS);
			}
		}
		catch (IOException e) {
			Log.LOG.warn("renice of pid {} failed ({}): it keeps nice {}", process.pid(), e.getMessage(), NICENESS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
