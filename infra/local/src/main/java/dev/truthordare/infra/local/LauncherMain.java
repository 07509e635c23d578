package dev.truthordare.infra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./run} runs (the local-stack jar's main class): starts everything (options
 * from the environment, see {@link LauncherOptions#fromEnvironment}), prints where things
 * are, writes {@code <home>/run.pid} and runs until SIGTERM or Ctrl-C, which stop every
 * process it started, then the stack.
 */
public final class LauncherMain {

	/**
	 * Created lazily: logging is configured in {@link #main} before the first logger
	 * exists.
	 */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(SystemLauncher.class);

	}

	private LauncherMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		long t0 = System.nanoTime();
		if (args.length > 0) {
			System.err.println("usage: java -jar local-stack.jar"
					+ " (options come from environment variables; see ./run --help)");
			System.exit(2);
		}
		LauncherOptions options;
		Path home;
		try {
			options = SystemLauncher.builder().fromEnvironment(System.getenv());
			home = options.resolvedHome();
		}
		catch (RuntimeException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(2);
			return;
		}
		LoggingSetup.toFileAndConsole(home.resolve("logs"));
		Path pidFile = home.resolve("run.pid");
		long myPid = ProcessHandle.current().pid();
		try {
			Files.createDirectories(home.resolve("logs"));
			OptionalLong other = readPid(pidFile);
			if (other.isPresent() && other.getAsLong() != myPid
					&& ProcessHandle.of(other.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
				System.err.println("error: already running (pid " + other.getAsLong() + ", " + pidFile
						+ "); stop it with ./run stop");
				System.exit(3);
			}
			Files.writeString(pidFile, myPid + System.lineSeparator());
		}
		catch (IOException e) {
			System.err.println("error: cannot write " + pidFile + ": " + e.getMessage());
			System.exit(2);
		}

		SystemLauncher launcher;
		try {
			launcher = options.build();
		}
		catch (RuntimeException e) {
			deletePidFile(pidFile, myPid);
			System.err.println("error: " + e.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				Log.LOG.info("stopping the system");
				launcher.close();
				Log.LOG.info("stopped");
			}
			finally {
				deletePidFile(pidFile, myPid);
				stopped.countDown();
			}
		}, "system-launcher-shutdown"));

		try {
			launcher.start();
		}
		catch (RuntimeException e) {
			StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
			for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
				message.append(System.lineSeparator()).append("  caused by: ").append(cause);
			}
			Log.LOG.error("the system did not start: {}", message);
			System.exit(1);
			return;
		}
		System.out.print(summary(launcher, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)));
		System.out.flush();
		stopped.await();
	}

	/** Where things are, for the person who typed {@code ./run}. */
	static String summary(SystemLauncher launcher, long seconds) {
		String nl = System.lineSeparator();
		StringBuilder summary = new StringBuilder().append(nl)
			.append("System ready in ")
			.append(seconds)
			.append(" s")
			.append(nl)
			.append("  Gateway (public API): ")
			.append(launcher.gatewayUrl())
			.append(nl)
			.append("  Gateway metrics:      ")
			.append(launcher.gatewayManagementUrl())
			.append("/actuator/prometheus (this machine only)")
			.append(nl)
			.append("  Eureka dashboard:     ")
			.append(launcher.eurekaUrl())
			.append(" (user ")
			.append(launcher.eurekaUsername())
			.append(", password ")
			.append(launcher.eurekaPasswordToShow())
			.append(")")
			.append(nl)
			.append("  Traces (Zipkin):      ")
			.append(launcher.traceStoreUrl()
				.map(url -> url + "/zipkin/ (every request's trace id: the traceresponse header of each answer)")
				.orElse(launcher.otlpEndpoint()
					.map(url -> "exported over OTLP to " + url)
					.orElse("off (TOD_TRACES=off)")))
			.append(nl)
			.append("  Logs:                 ")
			.append(launcher.logDir())
			.append(nl)
			.append("  Data:                 ")
			.append(launcher.dataDir())
			.append(nl)
			.append("  Kafka:                ")
			.append(launcher.localStack().kafkaBootstrapServers())
			.append(nl)
			.append("  MongoDB:              ")
			.append(launcher.localStack().mongoUri())
			.append(nl)
			.append("  Redis (rate limits):  ")
			.append(launcher.redisAddress())
			.append(nl);
		launcher.prometheusUrl()
			.ifPresent(url -> summary.append("  Prometheus:           ")
				.append(url)
				.append(" (alerts: /alerts)")
				.append(nl));
		// whichever cms instance created the first admin printed its password
		List<String> password = launcher.instances(SystemLauncher.CMS)
			.stream()
			.flatMap(cms -> launcher.logLinesContaining(cms, "generated password").stream())
			.toList();
		if (!password.isEmpty()) {
			summary.append("  CMS admin:            ").append(password.getLast().strip()).append(nl);
		}
		for (String module : SystemLauncher.SERVICES) {
			List<InstanceId> instances = launcher.instances(module);
			if (instances.size() > 1) {
				summary.append("  ")
					.append(module)
					.append(": ")
					.append(instances.stream().map(i -> i.name() + " :" + launcher.port(i)).toList())
					.append(nl);
			}
		}
		summary.append("Processes: ./run status. Stop with Ctrl-C or ./run stop").append(nl);
		return summary.toString();
	}

	private static OptionalLong readPid(Path pidFile) {
		try {
			if (Files.exists(pidFile)) {
				return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
			}
		}
		catch (IOException | NumberFormatException ignored) {
			// treated as absent
		}
		return OptionalLong.empty();
	}

	private static void deletePidFile(Path pidFile, long myPid) {
		OptionalLong pid = readPid(pidFile);
		if (pid.isPresent() && pid.getAsLong() == myPid) {
			try {
				Files.deleteIfExists(pidFile);
			}
			catch (IOException ignored) {
				// nothing else to do while exiting
			}
		}
	}

}
