package dev.truthordare.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Options of a {@link SystemLauncher} (from {@link SystemLauncher#builder()}); every one
 * has a default, and {@link #fromEnvironment} reads those of {@code ./run} from
 * environment variables.
 *
 * <p>
 * Over 300 lines only because each option is a setter, a default and an environment
 * variable; no logic beyond parsing them.
 */
public final class LauncherOptions {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Path repoRoot;

	private Path home;

	private boolean freePorts;

	private final Map<String, Integer> ports = new HashMap<>();

	private int kafkaPort = LocalStack.DEFAULT_KAFKA_PORT;

	private int kafkaControllerPort = LocalStack.DEFAULT_KAFKA_CONTROLLER_PORT;

	private int mongoPort = LocalStack.DEFAULT_MONGO_PORT;

	private int redisPort = 6379;

	private int gatewayManagementPort = 8090;

	private boolean gatewayManagementPortSet;

	private boolean redisPortSet;

	private boolean stackPortsSet;

	private String otlpEndpoint = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");

	private final Map<String, Map<String, String>> extraEnv = new HashMap<>();

	private final Map<String, String> heap = new HashMap<>();

	private final List<String> jvmOptions = new ArrayList<>();

	private Path javaHome;

	private boolean otelAgent = true;

	private boolean traceStore = true;

	private int traceStorePort = TraceStore.DEFAULT_PORT;

	private boolean traceStorePortSet;

	private Duration startupTimeout = Duration.ofSeconds(300);

	private Map<String, String> parentEnv = System.getenv();

	private final Map<String, Integer> instances = new HashMap<>();

	LauncherOptions() {
	}

	/**
	 * Default: found by walking up from the working directory ({@link #findRepoRoot}).
	 */
	public LauncherOptions repoRoot(Path repoRoot) {
		this.repoRoot = repoRoot;
		return this;
	}

	/** Where {@code logs/} and {@code data/} go. Default: {@code <repoRoot>/var}. */
	public LauncherOptions home(Path home) {
		this.home = home;
		return this;
	}

	/**
	 * Every port not set explicitly is picked free: the modules' ports when
	 * {@link #build()} runs, Kafka's and MongoDB's when the stack starts.
	 */
	public LauncherOptions freePorts() {
		this.freePorts = true;
		return this;
	}

	/** A module's HTTP port (SERVER_PORT); 0 picks a free one. */
	public LauncherOptions port(String module, int port) {
		Modules.require(module);
		ports.put(module, port);
		return this;
	}

	/**
	 * How many instances of a module to run (default 1): the first on the module's port,
	 * the others on free ports. Discovery is always one.
	 */
	public LauncherOptions instances(String module, int count) {
		Modules.require(module);
		if (!Modules.SCALABLE.contains(module)) {
			throw new IllegalArgumentException(module + " runs as one instance; scalable: " + Modules.SCALABLE);
		}
		if (count < 1 || count > 9) {
			throw new IllegalArgumentException("instances of " + module + " must be 1 to 9: " + count);
		}
		instances.put(module, count);
		return this;
	}

	/** Kafka's broker port, 0 for a free one. */
	public LauncherOptions kafkaPort(int port) {
		this.kafkaPort = port;
		this.stackPortsSet = true;
		return this;
	}

	public LauncherOptions kafkaControllerPort(int port) {
		this.kafkaControllerPort = port;
		this.stackPortsSet = true;
		return this;
	}

	/**
	 * The rate limits' Redis port: a Redis already answering there is used, else one is
	 * started there.
	 */
	public LauncherOptions redisPort(int port) {
		this.redisPort = port;
		this.redisPortSet = true;
		return this;
	}

	/** The gateway's management (actuator) port on loopback, 0 for a free one. */
	public LauncherOptions gatewayManagementPort(int port) {
		this.gatewayManagementPort = port;
		this.gatewayManagementPortSet = true;
		return this;
	}

	public LauncherOptions mongoPort(int port) {
		this.mongoPort = port;
		this.stackPortsSet = true;
		return this;
	}

	/**
	 * OTLP/HTTP endpoint the agents export traces to (e.g.
	 * {@code http://localhost:4318}); null for none. Default: the environment variable
	 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
	 */
	public LauncherOptions otlpEndpoint(String endpoint) {
		this.otlpEndpoint = endpoint;
		return this;
	}

	/**
	 * An extra environment variable of one module's process (overrides the launcher's;
	 * null removes).
	 */
	public LauncherOptions env(String module, String name, String value) {
		Modules.require(module);
		extraEnv.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(name, value);
		return this;
	}

	/** Extra environment variables of one module's process. */
	public LauncherOptions env(String module, Map<String, String> variables) {
		variables.forEach((name, value) -> env(module, name, value));
		return this;
	}

	/** Extra environment variables of every module's process. */
	public LauncherOptions envForAll(Map<String, String> variables) {
		Modules.ALL.forEach(module -> env(module, variables));
		return this;
	}

	/** A module's maximum heap, e.g. {@code 256m}. */
	public LauncherOptions heap(String module, String size) {
		Modules.require(module);
		heap.put(module, size);
		return this;
	}

	/** Extra JVM options of every module's process. */
	public LauncherOptions jvmOptions(String... options) {
		jvmOptions.addAll(Arrays.asList(options));
		return this;
	}

	/** JDK the processes run on. Default: the one running this launcher. */
	public LauncherOptions javaHome(Path javaHome) {
		this.javaHome = javaHome;
		return this;
	}

	/** Whether every process gets the OpenTelemetry java agent (default true). */
	public LauncherOptions otelAgent(boolean enabled) {
		this.otelAgent = enabled;
		return this;
	}

	/**
	 * Whether a trace store (Zipkin) is started and every agent exports to it (default
	 * true; needs the agent). An OTLP endpoint may be set as well: the agents then export
	 * to both.
	 */
	public LauncherOptions traceStore(boolean enabled) {
		this.traceStore = enabled;
		return this;
	}

	/** The trace store's port (default 9411; with {@link #freePorts()} a free one). */
	public LauncherOptions traceStorePort(int port) {
		this.traceStorePort = port;
		this.traceStorePortSet = true;
		return this;
	}

	public LauncherOptions startupTimeout(Duration timeout) {
		this.startupTimeout = timeout;
		return this;
	}

	/** The environment the processes inherit (default: this JVM's). */
	LauncherOptions parentEnvironment(Map<String, String> env) {
		this.parentEnv = Map.copyOf(env);
		return this;
	}

	/**
	 * Reads the options of {@code ./run} from environment variables: {@code TOD_HOME},
	 * {@code TOD_FREE_PORTS}, {@code KAFKA_PORT}, {@code KAFKA_CONTROLLER_PORT},
	 * {@code MONGO_PORT}, {@code REDIS_PORT}, {@code GATEWAY_MANAGEMENT_PORT},
	 * {@code <MODULE>_PORT} (e.g. {@code GATEWAY_SERVICE_PORT}, {@code DISCOVERY_PORT}),
	 * {@code TOD_STARTUP_TIMEOUT} (seconds), {@code TOD_JAVA_OPTS} (extra JVM options of
	 * every service), {@code TOD_OTEL_AGENT} (false to disable), {@code TOD_INSTANCES}
	 * (instances of each service behind the gateway), {@code <MODULE>_INSTANCES} (e.g.
	 * {@code CONTENT_SERVICE_INSTANCES}; {@code GATEWAY_INSTANCES}),
	 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (traces go there instead of the local trace
	 * store), {@code TOD_TRACES} ({@code off}: no trace store, no export; {@code on}: the
	 * trace store even with an OTLP endpoint), {@code ZIPKIN_PORT} and
	 * {@code TOD_LOG_FORMAT} ({@code json}: every service logs JSON lines).
	 */
	public LauncherOptions fromEnvironment(Map<String, String> env) {
		value(env, "TOD_HOME").ifPresent(v -> home(Path.of(v)));
		value(env, "TOD_FREE_PORTS").filter(Boolean::parseBoolean).ifPresent(v -> freePorts());
		value(env, "KAFKA_PORT").ifPresent(v -> kafkaPort(parsePort("KAFKA_PORT", v)));
		value(env, "KAFKA_CONTROLLER_PORT").ifPresent(v -> kafkaControllerPort(parsePort("KAFKA_CONTROLLER_PORT", v)));
		value(env, "MONGO_PORT").ifPresent(v -> mongoPort(parsePort("MONGO_PORT", v)));
		value(env, "REDIS_PORT").ifPresent(v -> redisPort(parsePort("REDIS_PORT", v)));
		value(env, "GATEWAY_MANAGEMENT_PORT")
			.ifPresent(v -> gatewayManagementPort(parsePort("GATEWAY_MANAGEMENT_PORT", v)));
		for (String module : Modules.ALL) {
			String name = module.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
			value(env, name).ifPresent(v -> port(module, parsePort(name, v)));
		}
		// TOD_INSTANCES scales the four services behind the gateway; a second gateway is
		// asked for by name
		value(env, "TOD_INSTANCES").ifPresent(v -> Modules.SCALABLE.stream()
			.filter(module -> !module.equals(Modules.GATEWAY))
			.forEach(module -> instances(module, parseCount("TOD_INSTANCES", v))));
		for (String module : Modules.SCALABLE) {
			String name = module.toUpperCase(Locale.ROOT).replace('-', '_') + "_INSTANCES";
			value(env, name).ifPresent(v -> instances(module, parseCount(name, v)));
		}
		value(env, "GATEWAY_INSTANCES").ifPresent(v -> instances(Modules.GATEWAY, parseCount("GATEWAY_INSTANCES", v)));
		value(env, "TOD_STARTUP_TIMEOUT").ifPresent(v -> startupTimeout(Duration.ofSeconds(Long.parseLong(v))));
		value(env, "TOD_JAVA_OPTS").ifPresent(v -> jvmOptions(v.split("\\s+")));
		value(env, "TOD_OTEL_AGENT").ifPresent(v -> otelAgent(Boolean.parseBoolean(v)));
		otlpEndpoint(value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").orElse(null));
		value(env, ServiceCommandLine.LOG_FORMAT)
			.filter(v -> !v.equals("text") && !v.equals(ServiceCommandLine.LOG_FORMAT_JSON))
			.ifPresent(v -> {
				throw new IllegalArgumentException("TOD_LOG_FORMAT is text or json, not " + v);
			});
		value(env, "ZIPKIN_PORT").ifPresent(v -> traceStorePort(parsePort("ZIPKIN_PORT", v)));
		Optional<String> traces = value(env, "TOD_TRACES").map(v -> v.toLowerCase(Locale.ROOT));
		if (traces.isPresent() && !List.of("on", "off", "true", "false").contains(traces.get())) {
			throw new IllegalArgumentException("TOD_TRACES is on or off, not " + traces.get());
		}
		traceStore(traces.map(v -> v.equals("on") || v.equals("true")).orElse(otlpEndpoint == null));
		if (traces.isPresent() && (traces.get().equals("off") || traces.get().equals("false"))) {
			otlpEndpoint(null);
		}
		return this;
	}

	private static Optional<String> value(Map<String, String> env, String name) {
		return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
	}

	private static int parseCount(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(name + " is not a number of instances: " + value);
		}
	}

	private static int parsePort(String name, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ignored) {
			// reported below
		}
		throw new IllegalArgumentException(name + " is not a port: " + value);
	}

	Path resolvedRepoRoot() {
		return (repoRoot != null ? repoRoot : findRepoRoot(Path.of(""))).toAbsolutePath().normalize();
	}

	Path resolvedHome() {
		return (home != null ? home : resolvedRepoRoot().resolve("var")).toAbsolutePath().normalize();
	}

	/**
	 * Resolves the repository root, home and the modules' ports (free ones are picked
	 * now).
	 */
	public SystemLauncher build() {
		return new SystemLauncher(settings());
	}

	LauncherSettings settings() {
		Path root = resolvedRepoRoot();
		Map<String, Integer> resolved = new LinkedHashMap<>();
		List<String> toAllocate = new ArrayList<>();
		for (String module : Modules.ALL) {
			Integer port = ports.get(module);
			if (port == null) {
				port = freePorts ? 0 : Modules.DEFAULT_PORTS.get(module);
			}
			resolved.put(module, port);
			if (port == 0) {
				toAllocate.add(module);
			}
		}
		int[] free = Ports.free(toAllocate.size());
		for (int i = 0; i < free.length; i++) {
			resolved.put(toAllocate.get(i), free[i]);
		}
		int redis = freePorts && !redisPortSet ? Ports.free() : redisPort;
		int management = (freePorts && !gatewayManagementPortSet) || gatewayManagementPort == 0 ? Ports.free()
				: gatewayManagementPort;
		boolean stackOnFreePorts = freePorts && !stackPortsSet;
		Map<String, List<Integer>> extraPorts = new LinkedHashMap<>();
		instances
			.forEach((module, count) -> extraPorts.put(module, Arrays.stream(Ports.free(count - 1)).boxed().toList()));
		List<Integer> extraManagement = Arrays.stream(Ports.free(instances.getOrDefault(Modules.GATEWAY, 1) - 1))
			.boxed()
			.toList();
		return new LauncherSettings(root, resolvedHome(), resolved, stackOnFreePorts ? 0 : kafkaPort,
				stackOnFreePorts ? 0 : kafkaControllerPort, stackOnFreePorts ? 0 : mongoPort, redis, otlpEndpoint,
				extraEnv, heap, jvmOptions, javaHome != null ? javaHome : Path.of(System.getProperty("java.home")),
				otelAgent, startupTimeout, parentEnv, value(parentEnv, "EUREKA_USERNAME").orElse("eureka"),
				value(parentEnv, "EUREKA_PASSWORD").orElseGet(LauncherOptions::randomPassword), management, extraPorts,
				extraManagement,
				!traceStore || !otelAgent ? 0 : freePorts && !traceStorePortSet ? Ports.free() : traceStorePort);
	}

	/**
	 * Discovery's password when none is configured: new for every start, so none is ever
	 * in git or on disk.
	 */
	private static String randomPassword() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The repository root: the first directory at or above {@code start} that holds
	 * {@code mvnw} and {@code infra/local}.
	 */
	static Path findRepoRoot(Path start) {
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra").resolve("local"))) {
				return dir;
			}
		}
		throw new IllegalStateException("cannot find the repository root (a directory with mvnw and infra/local)"
				+ " at or above " + start.toAbsolutePath());
	}

}
