package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole system the same way for {@code ./run} and for the system tests: the {@link LocalStack}
 * in this JVM, then {@code discovery}, then the five services, each as its own JVM
 * ({@code java -Xmx.. -javaagent:opentelemetry-javaagent.jar -jar <module>/target/<module>.jar}) configured
 * through environment variables, with its output appended to {@code <home>/logs/<module>.log}.
 *
 * <pre>{@code
 * try (SystemLauncher system = SystemLauncher.builder().freePorts().home(tempDir).build().start()) {
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/stats")) ...
 *     system.localStack().stopKafka();
 *     system.stopService(SystemLauncher.TRANSLATION);
 * }
 * }</pre>
 *
 * {@link #start()} returns when Eureka lists every service with an UP instance, the gateway's health is UP and
 * {@code GET /api/v1/stats} through the gateway answers 200. {@link #close()} stops every process this
 * launcher started (and only those), then the stack.
 */
public final class SystemLauncher implements AutoCloseable {

    public static final String DISCOVERY = "discovery";
    public static final String GATEWAY = "gateway-service";
    public static final String CONTENT = "content-service";
    public static final String RATING = "rating-service";
    public static final String TRANSLATION = "translation-service";
    public static final String CMS = "cms-service";

    /** The services started after discovery (in parallel), in this order. */
    public static final List<String> SERVICES = List.of(GATEWAY, CONTENT, RATING, TRANSLATION, CMS);
    /** Discovery followed by {@link #SERVICES}. */
    public static final List<String> MODULES = List.of(DISCOVERY, GATEWAY, CONTENT, RATING, TRANSLATION, CMS);

    /** Fixed default ports (DESIGN.md). */
    public static final Map<String, Integer> DEFAULT_PORTS = orderedMap(
            DISCOVERY, 8761, GATEWAY, 8080, CONTENT, 8081, RATING, 8082, TRANSLATION, 8083, CMS, 8084);

    /** Database per service; modules without an entry get no {@code MONGODB_URI}. */
    public static final Map<String, String> DATABASES = orderedMap(
            CONTENT, "content", RATING, "ratings", TRANSLATION, "translations", CMS, "cms");

    /** Default maximum heap per module. */
    public static final Map<String, String> DEFAULT_HEAP = orderedMap(
            DISCOVERY, "256m", GATEWAY, "384m", CONTENT, "256m", RATING, "256m", TRANSLATION, "256m", CMS, "256m");

    /** JVM options of every child, before the per-launcher extras. */
    static final List<String> BASE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    static final String AGENT_PATH = "infra/local/target/otel/opentelemetry-javaagent.jar";
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SystemLauncher.class);
    }

    private final Path repoRoot;
    private final Path home;
    private final Map<String, Integer> ports;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int mongoPort;
    private final int redisPort;
    private final String otlpEndpoint;
    private final Map<String, Map<String, String>> extraEnv;
    private final Map<String, String> heap;
    private final List<String> jvmOptions;
    private final Path javaHome;
    private final boolean otelAgent;
    private final Duration startupTimeout;
    private final Map<String, String> parentEnv;

    private final Object lock = new Object();
    private final Map<String, Child> children = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile LocalStack stack;
    private volatile RedisServer redis;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Duration startupTime;

    private SystemLauncher(Builder b, Path repoRoot, Path home, Map<String, Integer> ports) {
        this.repoRoot = repoRoot;
        this.home = home;
        this.ports = Collections.unmodifiableMap(ports);
        this.kafkaPort = b.kafkaPort;
        this.kafkaControllerPort = b.kafkaControllerPort;
        this.mongoPort = b.mongoPort;
        this.redisPort = b.redisPort;
        this.otlpEndpoint = b.otlpEndpoint == null || b.otlpEndpoint.isBlank() ? null : b.otlpEndpoint.trim();
        Map<String, Map<String, String>> env = new HashMap<>();
        b.extraEnv.forEach((module, vars) -> env.put(module, Collections.unmodifiableMap(new LinkedHashMap<>(vars))));
        this.extraEnv = Collections.unmodifiableMap(env);
        Map<String, String> heapSizes = new HashMap<>(DEFAULT_HEAP);
        heapSizes.putAll(b.heap);
        this.heap = Collections.unmodifiableMap(heapSizes);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.javaHome = b.javaHome != null ? b.javaHome : Path.of(System.getProperty("java.home"));
        this.otelAgent = b.otelAgent;
        this.startupTimeout = b.startupTimeout;
        this.parentEnv = b.parentEnv;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ start

    /**
     * Starts the stack, discovery and the five services and waits until the system is ready (see the class
     * comment). On failure everything already started is stopped again and the exception names the module that
     * is not ready and its log file.
     *
     * @throws IllegalStateException when a jar is missing, a port is taken, a service dies or the startup
     *                               timeout passes
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
            requireArtifacts();
            ports.forEach((module, port) -> Ports.requireAvailable(port, module));
            Files.createDirectories(logDir());
            Files.createDirectories(dataDir());
            long deadline = System.nanoTime() + startupTimeout.toNanos();

            Log.LOG.info("starting the local stack (Kafka, MongoDB), data in {}", dataDir());
            LocalStack newStack = new LocalStack(dataDir(), kafkaPort, kafkaControllerPort, mongoPort);
            synchronized (lock) {
                requireOpen();
                stack = newStack;
            }
            newStack.start();
            Log.LOG.info("local stack ready: Kafka {}, MongoDB {}", newStack.kafkaBootstrapServers(),
                    newStack.mongoUri());

            if (externalRedis()) {
                Log.LOG.info("rate limits use the Redis at REDIS_HOST={}", parentEnv.get("REDIS_HOST"));
            } else {
                RedisServer newRedis = RedisServer.startOrReuse(redisPort, logDir().resolve("redis.log"),
                        home.resolve("redis"));
                synchronized (lock) {
                    redis = newRedis;
                    requireOpen();
                }
            }

            launch(DISCOVERY);
            awaitReady(deadline, List.of(DISCOVERY), () -> discoveryPending());
            SERVICES.forEach(this::launch);
            awaitReady(deadline, MODULES, this::systemPending);

            startupTime = Duration.ofNanos(System.nanoTime() - t0);
            Log.LOG.info("system ready in {} s: gateway {}", startupTime.toSeconds(), gatewayUrl());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void requireArtifacts() {
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            if (!Files.isRegularFile(jar(module))) {
                missing.add(jar(module).toString());
            }
        }
        if (otelAgent && !Files.isRegularFile(agentJar())) {
            missing.add(agentJar().toString());
        }
        if (!Files.isExecutable(javaExecutable())) {
            missing.add(javaExecutable().toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + String.join(", ", missing)
                    + " - build first: ./mvnw -DskipTests package (or ./run --build)");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the launcher was closed while starting");
        }
    }

    /** Starts one module's process; its log is appended. */
    private void launch(String module) {
        Path log = logFile(module);
        List<String> command = command(module);
        Map<String, String> environment = environment(module);
        synchronized (lock) {
            requireOpen();
            Child existing = children.get(module);
            if (existing != null && existing.process.isAlive()) {
                throw new IllegalStateException(module + " is already running (pid " + existing.process.pid() + ")");
            }
            try {
                Files.createDirectories(log.getParent());
                long offset = Files.exists(log) ? Files.size(log) : 0;
                Files.writeString(log, System.lineSeparator() + "===== " + OffsetDateTime.now() + " starting "
                        + module + ": " + String.join(" ", command) + System.lineSeparator(),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.environment().clear();
                pb.environment().putAll(environment);
                long startedAt = System.currentTimeMillis();
                Process process = pb.start();
                process.getOutputStream().close();
                Child child = new Child(module, process, startedAt, offset);
                children.put(module, child);
                process.onExit().thenAccept(p -> {
                    if (!child.stopping && !closed) {
                        Log.LOG.warn("{} exited unexpectedly with status {}; see {}", module, p.exitValue(), log);
                    }
                });
                Log.LOG.info("started {} (pid {}, port {}), log {}", module, process.pid(), port(module), log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + module, e);
            }
        }
    }

    /** What a module's process runs. */
    List<String> command(String module) {
        requireModule(module);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-Xmx" + heap.get(module));
        command.addAll(BASE_JVM_OPTIONS);
        command.addAll(jvmOptions);
        if (otelAgent) {
            command.add("-javaagent:" + agentJar());
        }
        command.add("-jar");
        command.add(jar(module).toString());
        return command;
    }

    /** The full environment of a module's process (needs the started stack for Kafka and MongoDB). */
    Map<String, String> environment(String module) {
        LocalStack s = stack;
        if (s == null) {
            throw new IllegalStateException("the local stack is not started");
        }
        return environment(module, s.kafkaBootstrapServers(), s.mongoUri());
    }

    Map<String, String> environment(String module, String kafkaBootstrapServers, String mongoUri) {
        requireModule(module);
        Map<String, String> env = new LinkedHashMap<>(parentEnv);
        env.put("SERVER_PORT", Integer.toString(port(module)));
        env.put("EUREKA_URI", eurekaUrl() + "/eureka/");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        // where every resource server fetches the public keys of CMS tokens
        env.put("CMS_JWK_SET_URI", serviceUrl(CMS) + "/api/v1/cms/auth/jwks.json");
        String database = DATABASES.get(module);
        if (database != null) {
            env.put("MONGODB_URI", mongoUri + "/" + database);
        } else {
            env.remove("MONGODB_URI");
        }
        if (module.equals(GATEWAY) && !externalRedis()) {
            env.put("REDIS_HOST", "localhost");
            env.put("REDIS_PORT", Integer.toString(redisPort));
        }
        env.put("OTEL_SERVICE_NAME", module);
        env.put("OTEL_METRICS_EXPORTER", "none");
        env.put("OTEL_LOGS_EXPORTER", "none");
        env.put("OTEL_BSP_SCHEDULE_DELAY", "500");
        if (otlpEndpoint != null) {
            env.put("OTEL_TRACES_EXPORTER", "otlp");
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        } else {
            // no exporter, but the agent still propagates trace context (traceparent, trace ids in logs)
            env.put("OTEL_TRACES_EXPORTER", "none");
            env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            env.remove("OTEL_EXPORTER_OTLP_PROTOCOL");
        }
        for (String name : List.of("CMS_ADMIN_USERNAME", "CMS_ADMIN_PASSWORD")) {
            String value = parentEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        extraEnv.getOrDefault(module, Map.of()).forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    // -------------------------------------------------------------------------------------------- readiness

    /** Not-ready conditions while waiting for discovery, by module. */
    private Map<String, String> discoveryPending() {
        return healthUp(serviceUrl(DISCOVERY)) ? Map.of() : Map.of(DISCOVERY, "/actuator/health is not UP");
    }

    /** Not-ready conditions of the whole system, by module (empty when ready). */
    private Map<String, String> systemPending() {
        Map<String, String> pending = new LinkedHashMap<>();
        List<EurekaApps.Instance> instances = eurekaInstances();
        if (instances == null) {
            pending.put(DISCOVERY, "GET /eureka/apps fails");
            return pending;
        }
        for (String module : SERVICES) {
            if (!registeredUp(instances, module)) {
                pending.put(module, "no UP instance on port " + port(module) + " in Eureka");
            }
        }
        if (!pending.containsKey(GATEWAY)) {
            if (!healthUp(gatewayUrl())) {
                pending.put(GATEWAY, "/actuator/health is not UP");
            } else {
                int status = status(gatewayUrl() + "/api/v1/stats");
                if (status != 200) {
                    pending.put(GATEWAY, "GET /api/v1/stats answers " + (status < 0 ? "nothing" : status)
                            + " (routing through discovery not ready"
                            + (pending.containsKey(CONTENT) ? ", content-service not registered)" : ")"));
                }
            }
        }
        return pending;
    }

    /** An UP instance of the module, on its port, registered after its current process started. */
    private boolean registeredUp(List<EurekaApps.Instance> instances, String module) {
        Child child = children.get(module);
        String app = module.toUpperCase(Locale.ROOT);
        int port = port(module);
        return instances.stream().anyMatch(i -> i.app().equals(app) && i.isUp()
                && (i.port() == port || i.port() < 0)
                && (child == null || i.registrationTimestamp() == 0
                        || i.registrationTimestamp() >= child.startedAtMillis - 1000));
    }

    /** Polls until {@code pending} is empty; fails fast when a watched process dies, or at the deadline. */
    private void awaitReady(long deadlineNanos, Collection<String> watched, Supplier<Map<String, String>> pending) {
        Map<String, String> previous = null;
        long t0 = System.nanoTime();
        while (true) {
            requireOpen();
            for (String module : watched) {
                Child child = children.get(module);
                if (child != null && !child.process.isAlive()) {
                    throw new IllegalStateException(module + " exited with status " + child.process.exitValue()
                            + " while starting; see " + logFile(module) + tail(child));
                }
            }
            Map<String, String> now = pending.get();
            if (previous != null) {
                for (String module : previous.keySet()) {
                    if (!now.containsKey(module)) {
                        Log.LOG.info("{} is up ({} s)", module,
                                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
                    }
                }
            }
            if (now.isEmpty()) {
                return;
            }
            previous = now;
            if (System.nanoTime() - deadlineNanos > 0) {
                String details = now.entrySet().stream()
                        .map(e -> "  - " + e.getKey() + ": " + e.getValue() + " (log: " + logFile(e.getKey()) + ")")
                        .collect(Collectors.joining(System.lineSeparator()));
                throw new IllegalStateException("not ready after " + startupTimeout.toSeconds() + " s:"
                        + System.lineSeparator() + details);
            }
            sleep(POLL);
        }
    }

    /** Eureka's instances, or null when discovery does not answer. */
    private List<EurekaApps.Instance> eurekaInstances() {
        Optional<HttpResponse<String>> response = get(eurekaUrl() + "/eureka/apps");
        return response.filter(r -> r.statusCode() == 200).map(r -> EurekaApps.parse(r.body())).orElse(null);
    }

    private boolean healthUp(String baseUrl) {
        return get(baseUrl + "/actuator/health")
                .filter(r -> r.statusCode() == 200)
                .map(r -> EurekaApps.isHealthUp(r.body()))
                .orElse(false);
    }

    private int status(String url) {
        return get(url).map(HttpResponse::statusCode).orElse(-1);
    }

    private Optional<HttpResponse<String>> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(HTTP_TIMEOUT)
                .header("Accept", "application/json")
                .header("X-Client-Id", "system-launcher")
                .GET()
                .build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------- service lifecycle

    /**
     * Stops one module's process (SIGTERM, then SIGKILL after 10 s), with its descendants. Does nothing when
     * it is not running.
     */
    public void stopService(String module) {
        requireModule(module);
        Child child = children.get(module);
        if (child != null) {
            stop(List.of(child));
        }
    }

    /**
     * Starts a stopped module again (same port, same environment) and waits until it is back: UP in Eureka
     * with a fresh registration (discovery: its health UP; gateway: also its health UP).
     */
    public void startService(String module) {
        requireModule(module);
        if (!started || stack == null) {
            throw new IllegalStateException("start() the system first");
        }
        launch(module);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        if (DISCOVERY.equals(module)) {
            awaitReady(deadline, List.of(module), this::discoveryPending);
            return;
        }
        awaitReady(deadline, List.of(module), () -> {
            List<EurekaApps.Instance> instances = eurekaInstances();
            if (instances == null || !registeredUp(instances, module)) {
                return Map.of(module, "no fresh UP instance on port " + port(module) + " in Eureka");
            }
            if (GATEWAY.equals(module) && !healthUp(gatewayUrl())) {
                return Map.of(module, "/actuator/health is not UP");
            }
            return Map.of();
        });
        Log.LOG.info("{} is back", module);
    }

    /** True while the module's process (started by this launcher) is alive. */
    public boolean isRunning(String module) {
        requireModule(module);
        Child child = children.get(module);
        return child != null && child.process.isAlive();
    }

    /** Pid of the module's current process, if it is running. */
    public OptionalLong pid(String module) {
        requireModule(module);
        Child child = children.get(module);
        return child != null && child.process.isAlive() ? OptionalLong.of(child.process.pid()) : OptionalLong.empty();
    }

    private void stop(Collection<Child> toStop) {
        List<Child> running = toStop.stream().filter(c -> c.process.isAlive()).toList();
        Map<Child, List<ProcessHandle>> trees = new LinkedHashMap<>();
        for (Child child : running) {
            child.stopping = true;
            ProcessHandle handle = child.process.toHandle();
            List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
            tree.addFirst(handle);
            trees.put(child, tree);
            Log.LOG.info("stopping {} (pid {})", child.module, handle.pid());
            tree.forEach(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        trees.forEach((child, tree) -> {
            for (ProcessHandle handle : tree) {
                long remaining = Math.max(1, deadline - System.nanoTime());
                try {
                    handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    Log.LOG.warn("{} (pid {}) did not stop within {} s; killing it", child.module, handle.pid(),
                            STOP_GRACE.toSeconds());
                    handle.destroyForcibly();
                } catch (ExecutionException e) {
                    handle.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    tree.forEach(ProcessHandle::destroyForcibly);
                    return;
                }
            }
            try {
                child.process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                Log.LOG.warn("{} (pid {}) is still alive after SIGKILL", child.module, child.process.pid());
            }
        });
    }

    /** Stops every process this launcher started (services first, then discovery), then the stack. Idempotent. */
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
        List<Child> services = SERVICES.stream().map(children::get).filter(Objects::nonNull).toList();
        stop(services);
        Child discovery = children.get(DISCOVERY);
        if (discovery != null) {
            stop(List.of(discovery));
        }
        RedisServer r = redis;
        if (r != null) {
            r.close();
        }
        if (s != null) {
            s.close();
        }
        http.close();
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** REDIS_HOST set for the launcher means a Redis run by someone else (e.g. a managed one): none is started. */
    private boolean externalRedis() {
        String host = parentEnv.get("REDIS_HOST");
        return host != null && !host.isBlank();
    }

    /** The port of the Redis the gateway's rate limits use (when this launcher manages it). */
    public int redisPort() {
        return redisPort;
    }

    public String gatewayUrl() {
        return serviceUrl(GATEWAY);
    }

    /** Discovery's base URL (the Eureka dashboard); the clients' service URL is this plus {@code /eureka/}. */
    public String eurekaUrl() {
        return serviceUrl(DISCOVERY);
    }

    /** {@code http://localhost:<port>} of a module. */
    public String serviceUrl(String module) {
        return "http://localhost:" + port(module);
    }

    public int port(String module) {
        requireModule(module);
        return ports.get(module);
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
        return repoRoot;
    }

    public Path home() {
        return home;
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logFile(String module) {
        return logDir().resolve(module + ".log");
    }

    public Path jar(String module) {
        return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
    }

    public Path agentJar() {
        return repoRoot.resolve(AGENT_PATH);
    }

    /** How long {@link #start()} took, once it returned. */
    public Optional<Duration> startupTime() {
        return Optional.ofNullable(startupTime);
    }

    /** The lines of a module's log written since its current process started that contain {@code text}. */
    public List<String> logLinesContaining(String module, String text) {
        requireModule(module);
        Child child = children.get(module);
        long offset = child == null ? 0 : child.logOffset;
        return readFrom(logFile(module), offset).lines().filter(l -> l.contains(text)).toList();
    }

    private Path javaExecutable() {
        return javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static void requireModule(String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown module " + module + "; one of " + MODULES);
        }
    }

    private String tail(Child child) {
        String text = readFrom(logFile(child.module), child.logOffset);
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
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @SafeVarargs
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The repository root: the first directory at or above {@code start} that holds {@code mvnw} and
     * {@code infra/local}.
     */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra").resolve("local"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with mvnw and infra/local)"
                + " at or above " + start.toAbsolutePath());
    }

    private static final class Child {
        final String module;
        final Process process;
        final long startedAtMillis;
        final long logOffset;
        volatile boolean stopping;

        Child(String module, Process process, long startedAtMillis, long logOffset) {
            this.module = module;
            this.process = process;
            this.startedAtMillis = startedAtMillis;
            this.logOffset = logOffset;
        }
    }

    // ---------------------------------------------------------------------------------------------- builder

    /** Options of a {@link SystemLauncher}; every one has a default. */
    public static final class Builder {
        private Path repoRoot;
        private Path home;
        private boolean freePorts;
        private final Map<String, Integer> ports = new HashMap<>();
        private int kafkaPort = LocalStack.DEFAULT_KAFKA_PORT;
        private int kafkaControllerPort = LocalStack.DEFAULT_KAFKA_CONTROLLER_PORT;
        private int mongoPort = LocalStack.DEFAULT_MONGO_PORT;
        private int redisPort = 6379;
        private boolean redisPortSet;
        private boolean stackPortsSet;
        private String otlpEndpoint = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
        private final Map<String, Map<String, String>> extraEnv = new HashMap<>();
        private final Map<String, String> heap = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path javaHome;
        private boolean otelAgent = true;
        private Duration startupTimeout = Duration.ofSeconds(300);
        private Map<String, String> parentEnv = System.getenv();

        private Builder() {
        }

        /** Default: found by walking up from the working directory ({@link #findRepoRoot}). */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where {@code logs/} and {@code data/} go. Default: {@code <repoRoot>/var}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /**
         * Every port not set explicitly is picked free: the modules' ports when {@link #build()} runs, Kafka's
         * and MongoDB's when the stack starts.
         */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** A module's HTTP port (SERVER_PORT); 0 picks a free one. */
        public Builder port(String module, int port) {
            requireModule(module);
            ports.put(module, port);
            return this;
        }

        /** Kafka's broker port, 0 for a free one. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            this.stackPortsSet = true;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            this.stackPortsSet = true;
            return this;
        }

        /** The rate limits' Redis port: a Redis already answering there is used, else one is started there. */
        public Builder redisPort(int port) {
            this.redisPort = port;
            this.redisPortSet = true;
            return this;
        }

        public Builder mongoPort(int port) {
            this.mongoPort = port;
            this.stackPortsSet = true;
            return this;
        }

        /**
         * OTLP/HTTP endpoint the agents export traces to (e.g. {@code http://localhost:4318}); null for none.
         * Default: the environment variable {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
         */
        public Builder otlpEndpoint(String endpoint) {
            this.otlpEndpoint = endpoint;
            return this;
        }

        /** An extra environment variable of one module's process (overrides the launcher's; null removes). */
        public Builder env(String module, String name, String value) {
            requireModule(module);
            extraEnv.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** Extra environment variables of one module's process. */
        public Builder env(String module, Map<String, String> variables) {
            variables.forEach((name, value) -> env(module, name, value));
            return this;
        }

        /** Extra environment variables of every module's process. */
        public Builder envForAll(Map<String, String> variables) {
            MODULES.forEach(module -> env(module, variables));
            return this;
        }

        /** A module's maximum heap, e.g. {@code 256m}. */
        public Builder heap(String module, String size) {
            requireModule(module);
            heap.put(module, size);
            return this;
        }

        /** Extra JVM options of every module's process. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /** JDK the processes run on. Default: the one running this launcher. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** Whether every process gets the OpenTelemetry java agent (default true). */
        public Builder otelAgent(boolean enabled) {
            this.otelAgent = enabled;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** The environment the processes inherit (default: this JVM's). */
        Builder parentEnvironment(Map<String, String> env) {
            this.parentEnv = Map.copyOf(env);
            return this;
        }

        /**
         * Reads the options of {@code ./run} from environment variables: {@code TOD_HOME}, {@code TOD_FREE_PORTS},
         * {@code KAFKA_PORT}, {@code KAFKA_CONTROLLER_PORT}, {@code MONGO_PORT}, {@code <MODULE>_PORT} (e.g.
         * {@code GATEWAY_SERVICE_PORT}, {@code DISCOVERY_PORT}), {@code TOD_STARTUP_TIMEOUT} (seconds),
         * {@code TOD_JAVA_OPTS} (extra JVM options of every service), {@code TOD_OTEL_AGENT} (false to disable)
         * and {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            value(env, "TOD_HOME").ifPresent(v -> home(Path.of(v)));
            value(env, "TOD_FREE_PORTS").filter(Boolean::parseBoolean).ifPresent(v -> freePorts());
            value(env, "KAFKA_PORT").ifPresent(v -> kafkaPort(parsePort("KAFKA_PORT", v)));
            value(env, "KAFKA_CONTROLLER_PORT").ifPresent(v -> kafkaControllerPort(parsePort("KAFKA_CONTROLLER_PORT", v)));
            value(env, "MONGO_PORT").ifPresent(v -> mongoPort(parsePort("MONGO_PORT", v)));
            value(env, "REDIS_PORT").ifPresent(v -> redisPort(parsePort("REDIS_PORT", v)));
            for (String module : MODULES) {
                String name = module.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
                value(env, name).ifPresent(v -> port(module, parsePort(name, v)));
            }
            value(env, "TOD_STARTUP_TIMEOUT").ifPresent(v -> startupTimeout(Duration.ofSeconds(Long.parseLong(v))));
            value(env, "TOD_JAVA_OPTS").ifPresent(v -> jvmOptions(v.split("\\s+")));
            value(env, "TOD_OTEL_AGENT").ifPresent(v -> otelAgent(Boolean.parseBoolean(v)));
            otlpEndpoint(value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").orElse(null));
            return this;
        }

        private static Optional<String> value(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        private static int parsePort(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
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

        /** Resolves the repository root, home and the modules' ports (free ones are picked now). */
        public SystemLauncher build() {
            Path root = resolvedRepoRoot();
            Map<String, Integer> resolved = new LinkedHashMap<>();
            List<String> toAllocate = new ArrayList<>();
            for (String module : MODULES) {
                Integer port = ports.get(module);
                if (port == null) {
                    port = freePorts ? 0 : DEFAULT_PORTS.get(module);
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
            if (freePorts && !redisPortSet) {
                redisPort = Ports.free();
            }
            if (freePorts && !stackPortsSet) {
                kafkaPort = 0;
                kafkaControllerPort = 0;
                mongoPort = 0;
            }
            return new SystemLauncher(this, root, resolvedHome(), resolved);
        }
    }

    // ------------------------------------------------------------------------------------------------ main

    /**
     * What {@code ./run} runs: starts everything (options from the environment, see
     * {@link Builder#fromEnvironment}), prints where things are, writes {@code <home>/run.pid} and runs until
     * SIGTERM or Ctrl-C, which stop every process it started, then the stack.
     */
    public static void main(String[] args) throws InterruptedException {
        long t0 = System.nanoTime();
        if (args.length > 0) {
            System.err.println("usage: SystemLauncher (options come from environment variables; see ./run --help)");
            System.exit(2);
        }
        Builder builder;
        Path home;
        try {
            builder = builder().fromEnvironment(System.getenv());
            home = builder.resolvedHome();
        } catch (RuntimeException e) {
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
        } catch (IOException e) {
            System.err.println("error: cannot write " + pidFile + ": " + e.getMessage());
            System.exit(2);
        }

        SystemLauncher launcher;
        try {
            launcher = builder.build();
        } catch (RuntimeException e) {
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
            } finally {
                deletePidFile(pidFile, myPid);
                stopped.countDown();
            }
        }, "system-launcher-shutdown"));

        try {
            launcher.start();
        } catch (RuntimeException e) {
            StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                message.append(System.lineSeparator()).append("  caused by: ").append(cause);
            }
            Log.LOG.error("the system did not start: {}", message);
            System.exit(1);
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String nl = System.lineSeparator();
        StringBuilder summary = new StringBuilder()
                .append(nl)
                .append("System ready in ").append(seconds).append(" s").append(nl)
                .append("  Gateway (public API): ").append(launcher.gatewayUrl()).append(nl)
                .append("  Eureka dashboard:     ").append(launcher.eurekaUrl()).append(nl)
                .append("  Logs:                 ").append(launcher.logDir()).append(nl)
                .append("  Data:                 ").append(launcher.dataDir()).append(nl)
                .append("  Kafka:                ").append(launcher.localStack().kafkaBootstrapServers()).append(nl)
                .append("  MongoDB:              ").append(launcher.localStack().mongoUri()).append(nl)
                .append("  Redis (rate limits):  ").append(launcher.externalRedis() ? launcher.parentEnv.get("REDIS_HOST")
                        : "localhost:" + launcher.redisPort()).append(nl);
        List<String> password = launcher.logLinesContaining(CMS, "generated password");
        if (!password.isEmpty()) {
            summary.append("  CMS admin:            ").append(password.getLast().strip()).append(nl);
        }
        summary.append("Stop with Ctrl-C or ./run stop").append(nl);
        System.out.print(summary);
        System.out.flush();
        stopped.await();
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
            }
        } catch (IOException | NumberFormatException ignored) {
            // treated as absent
        }
        return OptionalLong.empty();
    }

    private static void deletePidFile(Path pidFile, long myPid) {
        OptionalLong pid = readPid(pidFile);
        if (pid.isPresent() && pid.getAsLong() == myPid) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // nothing else to do while exiting
            }
        }
    }
}
