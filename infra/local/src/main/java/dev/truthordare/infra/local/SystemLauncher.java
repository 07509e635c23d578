package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole system the same way for {@code ./run} and for the system tests: the
 * {@link LocalStack} in this JVM, the rate limits' Redis, then {@code discovery}, then
 * the five services, each as its own JVM ({@link ServiceCommandLine}) with its output
 * appended to {@code <home>/logs/<module>.log}.
 *
 * <pre>{@code
 * try (SystemLauncher system = SystemLauncher.builder().freePorts().home(tempDir).build().start()) {
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/stats")) ...
 *     system.localStack().stopKafka();
 *     system.stopService(SystemLauncher.TRANSLATION);
 * }
 * }</pre>
 *
 * {@link #start()} returns when the system is ready ({@link Readiness}). {@link #close()}
 * stops every process this launcher started (and only those), then the stack. Options:
 * {@link LauncherOptions}; processes: {@link ServiceProcesses}; the command-line entry
 * point: {@link LauncherMain}.
 *
 * <p>
 * Over 300 lines only because it is the one public facade that {@code ./run} and the
 * system tests program against: mostly one-line accessors and delegations; the logic
 * lives in the classes above.
 */
public final class SystemLauncher implements AutoCloseable {

	public static final String DISCOVERY = Modules.DISCOVERY;

	public static final String GATEWAY = Modules.GATEWAY;

	public static final String CONTENT = Modules.CONTENT;

	public static final String RATING = Modules.RATING;

	public static final String TRANSLATION = Modules.TRANSLATION;

	public static final String CMS = Modules.CMS;

	/** The services started after discovery (in parallel), in this order. */
	public static final List<String> SERVICES = Modules.SERVICES;

	/** Discovery followed by {@link #SERVICES}. */
	public static final List<String> MODULES = Modules.ALL;

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(SystemLauncher.class);

	}

	private final LauncherSettings settings;

	private final ServiceCommandLine commandLine;

	private final ServiceProcesses processes;

	private final Readiness readiness;

	private final Object lock = new Object();

	private volatile LocalStack stack;

	private volatile RedisServer redis;

	private volatile TraceStore traceStore;

	private volatile Prometheus prometheus;

	private volatile boolean started;

	private volatile boolean closed;

	private volatile Duration startupTime;

	SystemLauncher(LauncherSettings settings) {
		this.settings = settings;
		this.commandLine = new ServiceCommandLine(settings);
		this.processes = new ServiceProcesses(settings, Supervisor.Policy.DEFAULT);
		this.readiness = new Readiness(settings, processes, this::requireOpen);
	}

	public static LauncherOptions builder() {
		return new LauncherOptions();
	}

	/**
	 * Starts the stack, discovery and the five services and waits until the system is
	 * ready. On failure everything already started is stopped again and the exception
	 * names the module that is not ready and its log file.
	 * @throws IllegalStateException when a jar is missing, a port is taken, a service
	 * dies or the startup timeout passes
	 */
	public SystemLauncher start() {
		synchronized (lock) {
			if (closed) {
				throw new IllegalStateException("this launcher is closed");
			}
			if (started) {
				throw new IllegalStateException("already started");
			}
			started = true;
		}
		long t0 = System.nanoTime();
		try {
			List<String> missing = settings.missingArtifacts();
			if (!missing.isEmpty()) {
				throw new IllegalStateException("missing " + String.join(", ", missing)
						+ " - build first: ./mvnw -DskipTests package (or ./run --build)");
			}
			settings.ports().forEach((module, port) -> Ports.requireAvailable(port, module));
			Files.createDirectories(logDir());
			Files.createDirectories(dataDir());
			long deadline = System.nanoTime() + settings.startupTimeout().toNanos();

			Log.LOG.info("starting the local stack (Kafka, MongoDB), data in {}", dataDir());
			LocalStack newStack = new LocalStack(dataDir(), settings.kafkaPort(), settings.kafkaControllerPort(),
					settings.mongoPort());
			synchronized (lock) {
				requireOpen();
				stack = newStack;
			}
			newStack.start();
			Log.LOG.info("local stack ready: Kafka {}, MongoDB {}", newStack.kafkaBootstrapServers(),
					newStack.mongoUri());

			if (settings.externalRedis()) {
				Log.LOG.info("rate limits use the Redis at REDIS_HOST={}", settings.parentEnv().get("REDIS_HOST"));
			}
			else {
				RedisServer newRedis = RedisServer.startOrReuse(settings.redisPort(), logDir().resolve("redis.log"),
						home().resolve("redis"));
				synchronized (lock) {
					redis = newRedis;
					requireOpen();
				}
			}

			if (settings.traceStorePort() > 0) {
				TraceStore newStore = TraceStore.start(settings.javaHome(), settings.traceStoreJar(),
						settings.traceStorePort(), logDir().resolve("zipkin.log"));
				synchronized (lock) {
					traceStore = newStore;
					requireOpen();
				}
			}

			launch(DISCOVERY);
			readiness.awaitDiscovery(deadline);
			Optional<Prometheus> newPrometheus = Prometheus.startIfWanted(settings);
			synchronized (lock) {
				prometheus = newPrometheus.orElse(null);
				requireOpen();
			}
			SERVICES.forEach(this::launch);
			if (traceStore != null) {
				traceStore.awaitUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			}
			readiness.awaitSystem(deadline);

			startupTime = Duration.ofNanos(System.nanoTime() - t0);
			Log.LOG.info("system ready in {} s: gateway {}", startupTime.toSeconds(), gatewayUrl());
			return this;
		}
		catch (IOException e) {
			close();
			throw new UncheckedIOException(e);
		}
		catch (RuntimeException | Error e) {
			close();
			throw e;
		}
	}

	private void requireOpen() {
		if (closed) {
			throw new IllegalStateException("the launcher was closed while starting");
		}
	}

	/** Starts every instance of a module. */
	private void launch(String module) {
		settings.instances(module).forEach(this::launch);
	}

	private void launch(InstanceId instance) {
		List<String> command = command(instance.module());
		LocalStack s = stack;
		if (s == null) {
			throw new IllegalStateException("the local stack is not started");
		}
		Map<String, String> environment = commandLine.environment(instance, s.kafkaBootstrapServers(), s.mongoUri());
		synchronized (lock) {
			requireOpen();
			processes.start(instance, command, environment);
		}
	}

	/** What a module's process runs. */
	List<String> command(String module) {
		return commandLine.command(module);
	}

	/**
	 * The full environment of a module's process (needs the started stack for Kafka and
	 * MongoDB).
	 */
	Map<String, String> environment(String module) {
		LocalStack s = stack;
		if (s == null) {
			throw new IllegalStateException("the local stack is not started");
		}
		return environment(module, s.kafkaBootstrapServers(), s.mongoUri());
	}

	Map<String, String> environment(String module, String kafkaBootstrapServers, String mongoUri) {
		return commandLine.environment(module, kafkaBootstrapServers, mongoUri);
	}

	/**
	 * Stops every instance of a module (SIGTERM, then SIGKILL after 20 s), with its
	 * descendants; the supervisor leaves them down. Does nothing when none runs.
	 */
	public void stopService(String module) {
		processes.stop(settings.instances(module));
	}

	/** Stops one instance for good (until {@link #startInstance}), like stopService. */
	public void stopInstance(InstanceId instance) {
		processes.stop(List.of(instance));
	}

	/**
	 * Starts a stopped module's instances again (same ports, same environment) and waits
	 * until they are back: UP in Eureka with a fresh registration (discovery: its health
	 * UP; gateway: also its health UP).
	 */
	public void startService(String module) {
		start(settings.instances(module));
	}

	/**
	 * Starts one stopped instance again and waits until it is back, like startService.
	 */
	public void startInstance(InstanceId instance) {
		start(List.of(instance));
	}

	private void start(List<InstanceId> instances) {
		if (!started || stack == null) {
			throw new IllegalStateException("start() the system first");
		}
		instances.forEach(this::launch);
		awaitBack(instances);
		Log.LOG.info("{} is back", instances);
	}

	/**
	 * Waits until the instances (e.g. restarted by the supervisor) are registered UP
	 * again with a registration younger than their current process.
	 */
	public void awaitBack(List<InstanceId> instances) {
		readiness.awaitRestarted(instances, System.nanoTime() + settings.startupTimeout().toNanos());
	}

	/**
	 * SIGKILL of one instance's process, as a crash: nothing deregisters it, and the
	 * supervisor starts it again after its backoff.
	 */
	public void kill(InstanceId instance) {
		processes.kill(instance);
	}

	/**
	 * SIGTERM of one instance's process, as an operator's {@code kill}: it shuts down
	 * gracefully, then the supervisor starts it again.
	 */
	public void terminate(InstanceId instance) {
		processes.terminate(instance);
	}

	/** A module's instances, the first (on the module's own port) first. */
	public List<InstanceId> instances(String module) {
		return settings.instances(module);
	}

	/** How often the supervisor has restarted an instance. */
	public int restarts(InstanceId instance) {
		return processes.supervision(instance).restarts();
	}

	/** True while any instance of the module (started by this launcher) is alive. */
	public boolean isRunning(String module) {
		return settings.instances(module).stream().anyMatch(processes::isRunning);
	}

	public boolean isRunning(InstanceId instance) {
		return processes.isRunning(instance);
	}

	/** Pid of the module's first instance, if it is running. */
	public OptionalLong pid(String module) {
		return pid(InstanceId.first(module));
	}

	public OptionalLong pid(InstanceId instance) {
		return processes.pid(instance);
	}

	/**
	 * Stops every process this launcher started (services first, then discovery), then
	 * the stack. Idempotent.
	 */
	@Override
	public void close() {
		LocalStack s;
		synchronized (lock) {
			if (closed) {
				return;
			}
			closed = true;
			s = stack;
		}
		processes.shuttingDown();
		processes.stop(SERVICES.stream().flatMap(module -> settings.instances(module).stream()).toList());
		processes.stop(settings.instances(DISCOVERY));
		processes.deleteStatus();
		Prometheus p = prometheus;
		if (p != null) {
			p.close();
		}
		RedisServer r = redis;
		if (r != null) {
			r.close();
		}
		TraceStore t = traceStore;
		if (t != null) {
			t.close();
		}
		if (s != null) {
			s.close();
		}
		readiness.close();
	}

	/** Stops the Redis this launcher manages, as an outage of the rate limits' store. */
	public void stopRedis() {
		synchronized (lock) {
			if (redis == null) {
				throw new IllegalStateException("no Redis managed by this launcher is running");
			}
			redis.close();
			redis = null;
		}
	}

	/** Starts the managed Redis again on its port (empty: rate-limit buckets refill). */
	public void startRedis() {
		synchronized (lock) {
			requireOpen();
			if (redis != null || settings.externalRedis()) {
				return;
			}
			try {
				redis = RedisServer.startOrReuse(settings.redisPort(), logDir().resolve("redis.log"),
						home().resolve("redis"));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	/**
	 * The port of the Redis the gateway's rate limits use (when this launcher manages
	 * it).
	 */
	public int redisPort() {
		return settings.redisPort();
	}

	/**
	 * {@code host} of an external Redis (REDIS_HOST), else {@code localhost:<port>} of
	 * the managed one.
	 */
	public String redisAddress() {
		return settings.redisAddress();
	}

	/**
	 * The local trace store's base URL (UI at {@code /zipkin}, API at {@code /api/v2}),
	 * when one runs.
	 */
	public Optional<String> traceStoreUrl() {
		TraceStore t = traceStore;
		return t == null ? Optional.empty() : Optional.of(t.url());
	}

	/** The OTLP endpoint the agents export to, when one is configured. */
	public Optional<String> otlpEndpoint() {
		return Optional.ofNullable(settings.otlpEndpoint());
	}

	public String gatewayUrl() {
		return settings.gatewayUrl();
	}

	/** Where Prometheus answers, unless it is off or not installed. */
	public Optional<String> prometheusUrl() {
		return Optional.ofNullable(prometheus).map(Prometheus::url);
	}

	/**
	 * Discovery's base URL (the Eureka dashboard, which asks for
	 * {@link #eurekaUsername()} and {@link #eurekaPassword()}); the clients' service URL
	 * is this plus {@code /eureka/}, with the credentials.
	 */
	public String eurekaUrl() {
		return settings.eurekaUrl();
	}

	public String eurekaUsername() {
		return settings.eurekaUsername();
	}

	/**
	 * {@code EUREKA_PASSWORD} of the launcher's environment, else one new for this start.
	 */
	public String eurekaPassword() {
		return settings.eurekaPassword();
	}

	/** The password shown to whoever started the system: a generated one only. */
	String eurekaPasswordToShow() {
		String given = settings.parentEnv().get("EUREKA_PASSWORD");
		return given != null && !given.isBlank() ? "from EUREKA_PASSWORD" : settings.eurekaPassword();
	}

	/** The gateway's actuator endpoints (metrics and the rest), on loopback only. */
	public String gatewayManagementUrl() {
		return settings.gatewayManagementUrl();
	}

	/** {@code http://localhost:<port>} of a module. */
	public String serviceUrl(String module) {
		return settings.serviceUrl(module);
	}

	public int port(String module) {
		return settings.port(module);
	}

	public int port(InstanceId instance) {
		return settings.port(instance);
	}

	/** {@code http://localhost:<port>} of one instance (a second gateway, for one). */
	public String serviceUrl(InstanceId instance) {
		return settings.serviceUrl(instance);
	}

	/** The in-process Kafka broker and MongoDB server (e.g. to stop and start Kafka). */
	public LocalStack localStack() {
		LocalStack s = stack;
		if (s == null) {
			throw new IllegalStateException("not started");
		}
		return s;
	}

	public Path repoRoot() {
		return settings.repoRoot();
	}

	public Path home() {
		return settings.home();
	}

	public Path logDir() {
		return settings.logDir();
	}

	public Path dataDir() {
		return settings.dataDir();
	}

	public Path logFile(String module) {
		return settings.logFile(module);
	}

	public Path logFile(InstanceId instance) {
		return settings.logFile(instance);
	}

	public Path jar(String module) {
		return settings.jar(module);
	}

	public Path agentJar() {
		return settings.agentJar();
	}

	/** How long {@link #start()} took, once it returned. */
	public Optional<Duration> startupTime() {
		return Optional.ofNullable(startupTime);
	}

	/**
	 * The lines of a module's log written since its current process started that contain
	 * {@code text}.
	 */
	public List<String> logLinesContaining(String module, String text) {
		return logLinesContaining(InstanceId.first(module), text);
	}

	public List<String> logLinesContaining(InstanceId instance, String text) {
		return processes.logLinesContaining(instance, text);
	}

	/**
	 * The repository root: the first directory at or above {@code start} that holds
	 * {@code mvnw} and {@code infra/local}.
	 */
	public static Path findRepoRoot(Path start) {
		return LauncherOptions.findRepoRoot(start);
	}

}
