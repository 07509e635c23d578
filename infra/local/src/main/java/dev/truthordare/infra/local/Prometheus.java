package dev.truthordare.infra.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus of {@code ./run} (Debian's {@code prometheus} package, which
 * {@code ./run} installs when missing): started after discovery with the repository's
 * {@code infra/prometheus/prometheus.yml}, adapted to this start ({@link #config}), so it
 * finds every instance through Eureka, with exemplar storage on (the trace ids on the
 * histogram buckets); stopped with the system. {@code TOD_PROMETHEUS=off} leaves it out;
 * {@code PROMETHEUS_PORT} (default 9090, on loopback) moves it. Without a
 * {@code prometheus} on the PATH the system starts without it and says so.
 */
public final class Prometheus implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Prometheus.class);

	static final int DEFAULT_PORT = 9090;

	/** The template's values for ./run's defaults, each replaced for this start. */
	private static final String DISCOVERY_TARGET = "\"localhost:8761\"";

	private static final String DISCOVERY_INSTANCE = "instance: discovery:8761";

	private static final String EUREKA_SERVER = "server: http://localhost:8761/eureka";

	private static final String EUREKA_USERNAME = "username: eureka";

	private static final String PASSWORD_FILE = "password_file: ../../var/prometheus/eureka-password";

	private static final String RULE_FILES = "- rules/*.yml";

	private final int port;

	private final Process process;

	private Prometheus(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts Prometheus for the system of {@code settings} and waits until it is ready;
	 * empty when switched off or not installed.
	 */
	static Optional<Prometheus> startIfWanted(LauncherSettings settings) {
		Map<String, String> env = settings.parentEnv();
		if ("off".equalsIgnoreCase(env.getOrDefault("TOD_PROMETHEUS", "").trim())) {
			log.info("Prometheus is off (TOD_PROMETHEUS=off)");
			return Optional.empty();
		}
		Optional<Path> binary = onPath("prometheus", env.get("PATH"));
		if (binary.isEmpty()) {
			log.warn(
					"no prometheus on the PATH (apt-get install prometheus; ./run installs it): nothing scrapes metrics");
			return Optional.empty();
		}
		if (!Files.isRegularFile(template(settings))) {
			log.warn("no {}: Prometheus not started", template(settings));
			return Optional.empty();
		}
		try {
			return Optional.of(start(binary.get(), settings, port(env)));
		}
		catch (IOException | RuntimeException e) {
			// watching the system is no reason to refuse serving it
			log.error("Prometheus did not start, the system runs unwatched: {}", e.toString());
			return Optional.empty();
		}
	}

	private static Path template(LauncherSettings settings) {
		return settings.repoRoot().resolve("infra/prometheus/prometheus.yml");
	}

	/** PROMETHEUS_PORT when set, else 9090, else (taken) a free one. */
	static int port(Map<String, String> env) {
		String given = env.getOrDefault("PROMETHEUS_PORT", "").trim();
		if (!given.isEmpty()) {
			return Integer.parseInt(given);
		}
		return Ports.isAvailable(DEFAULT_PORT) ? DEFAULT_PORT : Ports.free();
	}

	private static Prometheus start(Path binary, LauncherSettings settings, int port) throws IOException {
		Ports.requireAvailable(port, "Prometheus");
		Path dir = settings.home().resolve("prometheus");
		Path configFile = writeConfig(dir, settings);
		Path data = settings.dataDir().resolve("prometheus");
		Files.createDirectories(data);
		Path logFile = settings.logDir().resolve("prometheus.log");
		Files.createDirectories(logFile.getParent());
		// exemplar storage keeps the trace ids the services attach to their histogram
		// buckets
		// (scraped as OpenMetrics, which Prometheus asks for first):
		// /api/v1/query_exemplars
		// and the graph's exemplar dots lead from a latency spike to its traces
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
				"--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
				"--enable-feature=exemplar-storage")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		Prometheus prometheus = new Prometheus(port, process);
		if (!prometheus.awaitReady(Duration.ofSeconds(30))) {
			prometheus.close();
			throw new IllegalStateException("Prometheus did not start on port " + port + "; see " + logFile);
		}
		log.info("Prometheus up on {} (pid {}), config {}, log {}", prometheus.url(), process.pid(), configFile,
				logFile);
		return prometheus;
	}

	/**
	 * Writes the configuration of this start into {@code dir}, with the registry's
	 * password in a file of its own that only this user can read.
	 */
	static Path writeConfig(Path dir, LauncherSettings settings) throws IOException {
		Files.createDirectories(dir);
		Path passwordFile = dir.resolve("eureka-password");
		Files.deleteIfExists(passwordFile);
		Files.createFile(passwordFile);
		try {
			Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the file stays under the user's own folder
		}
		Files.writeString(passwordFile, settings.eurekaPassword());
		Path configFile = dir.resolve("prometheus.yml");
		Files.writeString(configFile, config(Files.readString(template(settings)), settings.port(Modules.DISCOVERY),
				settings.eurekaUsername(), passwordFile, settings.repoRoot().resolve("infra/prometheus/rules")));
		return configFile;
	}

	/**
	 * The repository's configuration with this start's discovery port, registry user,
	 * password file and the rules' absolute location.
	 */
	static String config(String template, int discoveryPort, String username, Path passwordFile, Path rulesDir) {
		String config = template;
		config = replace(config, DISCOVERY_TARGET, "\"localhost:" + discoveryPort + "\"");
		config = replace(config, DISCOVERY_INSTANCE, "instance: discovery:" + discoveryPort);
		config = replace(config, EUREKA_SERVER, "server: http://localhost:" + discoveryPort + "/eureka");
		config = replace(config, EUREKA_USERNAME, "username: " + quoted(username));
		config = replace(config, PASSWORD_FILE, "password_file: " + quoted(passwordFile.toString()));
		return replace(config, RULE_FILES, "- " + quoted(rulesDir.resolve("*.yml").toString()));
	}

	private static String replace(String config, String what, String with) {
		if (!config.contains(what)) {
			throw new IllegalStateException("infra/prometheus/prometheus.yml no longer holds '" + what
					+ "', which the launcher replaces with this start's value");
		}
		return config.replace(what, with);
	}

	/** A YAML double-quoted scalar (JSON's escaping is valid YAML). */
	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** An executable called {@code name} in a directory of {@code path}. */
	static Optional<Path> onPath(String name, String path) {
		if (path == null) {
			return Optional.empty();
		}
		return List.of(path.split(File.pathSeparator))
			.stream()
			.filter(dir -> !dir.isBlank())
			.map(dir -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private boolean awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (process.isAlive() && System.nanoTime() < deadline) {
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return true;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
			try {
				Thread.sleep(100); // polling a child process we just started
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** Stops Prometheus (SIGTERM: it writes its head block and exits). */
	@Override
	public void close() {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
