package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded infrastructure for a machine without Docker, in the current JVM:
 * <ul>
 * <li>a real Apache Kafka broker in KRaft mode (single combined broker/controller node),
 * log dir {@code <dataDir>/kafka}, with the platform's topics ({@link LocalTopics})
 * created idempotently;</li>
 * <li>a MongoDB wire-protocol server (mongo-java-server, H2 backend) storing everything
 * in {@code <dataDir>/mongo/mongo.mv}.</li>
 * </ul>
 * Both keep their data on disk, so a new {@code LocalStack} on the same data dir finds
 * everything again. A port of 0 means "pick a free port" (resolved by {@link #start()};
 * it then stays fixed, also across {@link #stopKafka()}/{@link #startKafka()}).
 *
 * <p>
 * Just over 300 lines: the start, stop and restart of two servers that tests drive
 * separately (Kafka down, Kafka back); the broker itself is {@link KafkaBroker}.
 */
public final class LocalStack implements AutoCloseable {

	public static final int DEFAULT_KAFKA_PORT = 9092;

	public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;

	public static final int DEFAULT_MONGO_PORT = 27017;

	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

	}

	private final Path dataDir;

	private final int requestedKafkaPort;

	private final int requestedControllerPort;

	private final int requestedMongoPort;

	private KafkaBroker kafka;

	private MongoServer mongo;

	private int mongoPort;

	private boolean closed;

	private boolean mongoStopped;

	/**
	 * @param dataDir where Kafka's log dir and the MongoDB file live (created if missing)
	 * @param kafkaPort broker listener port, 0 for a free one
	 * @param kafkaControllerPort KRaft controller listener port, 0 for a free one
	 * @param mongoPort MongoDB port, 0 for a free one
	 */
	public LocalStack(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.requestedKafkaPort = requirePort(kafkaPort);
		this.requestedControllerPort = requirePort(kafkaControllerPort);
		this.requestedMongoPort = requirePort(mongoPort);
	}

	/** Default ports: Kafka 9092 (controller 9093), MongoDB 27017. */
	public static LocalStack withDefaultPorts(Path dataDir) {
		return new LocalStack(dataDir, DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_MONGO_PORT);
	}

	/** Every port picked free at start. */
	public static LocalStack onFreePorts(Path dataDir) {
		return new LocalStack(dataDir, 0, 0, 0);
	}

	private static int requirePort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("not a port: " + port);
		}
		return port;
	}

	/**
	 * Starts MongoDB, then Kafka, then creates the topics. Returns once both accept
	 * clients.
	 */
	public synchronized LocalStack start() {
		if (closed) {
			throw new IllegalStateException("this LocalStack is closed");
		}
		if (mongo != null) {
			return this;
		}
		long t0 = System.nanoTime();
		quietenLoggers();
		try {
			startMongoServer();
			int[] free = Ports.free(2);
			kafka = new KafkaBroker(dataDir.resolve("kafka"), requestedKafkaPort == 0 ? free[0] : requestedKafkaPort,
					requestedControllerPort == 0 ? free[1] : requestedControllerPort);
			startKafka();
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
		Log.LOG.info("local stack ready in {} ms: Kafka {}, MongoDB {}, data {}",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), kafkaBootstrapServers(), mongoUri(), dataDir);
		return this;
	}

	private void startMongoServer() {
		Path mongoDir = dataDir.resolve("mongo");
		try {
			Files.createDirectories(mongoDir);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create " + mongoDir, e);
		}
		// a restart (startMongo after stopMongo) comes back on the port the services know
		int port = mongoPort != 0 ? mongoPort : requestedMongoPort;
		if (port != 0) {
			Ports.requireAvailable(port, "MongoDB");
		}
		H2Backend backend = new H2Backend(mongoDir.resolve("mongo.mv").toString());
		MongoServer server = new MongoServer(SerializedMongoBackend.wrap(backend));
		try {
			server.bind(new InetSocketAddress("127.0.0.1", port));
		}
		catch (RuntimeException e) {
			server.shutdownNow();
			throw new IllegalStateException("MongoDB server cannot listen on port " + port, e);
		}
		mongo = server;
		mongoPort = server.getLocalAddress().getPort();
		Log.LOG.info("MongoDB server up at mongodb://localhost:{} (file {})", mongoPort, mongoDir.resolve("mongo.mv"));
	}

	/**
	 * Stops just the Kafka broker (MongoDB keeps running); its port and log dir stay
	 * reserved for it.
	 */
	public synchronized void stopKafka() {
		requireStarted();
		kafka.stop();
	}

	/**
	 * (Re)starts the Kafka broker on the same ports and log dir and makes sure the topics
	 * exist. Called by {@link #start()}; call it after {@link #stopKafka()} to bring the
	 * broker back.
	 */
	public synchronized void startKafka() {
		if (kafka == null || closed) {
			throw new IllegalStateException("the local stack is not started");
		}
		if (kafka.isRunning()) {
			return;
		}
		kafka.start();
		long t0 = System.nanoTime();
		kafka.ensureTopics(LocalTopics.ALL);
		Log.LOG.info("topics ready in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
	}

	public synchronized boolean isKafkaRunning() {
		return kafka != null && kafka.isRunning();
	}

	/** E.g. {@code localhost:9092}; stays the same across stopKafka/startKafka. */
	public synchronized String kafkaBootstrapServers() {
		requireStarted();
		return kafka.bootstrapServers();
	}

	public synchronized int kafkaPort() {
		requireStarted();
		return kafka.port();
	}

	public synchronized int kafkaControllerPort() {
		requireStarted();
		return kafka.controllerPort();
	}

	/** The Kafka cluster id, persisted in the log dir's meta.properties. */
	public synchronized String kafkaClusterId() {
		requireStarted();
		return kafka.clusterId();
	}

	/**
	 * Stops just the MongoDB server, as a store outage: connections drop, new ones are
	 * refused; its data file is flushed and kept.
	 */
	public synchronized void stopMongo() {
		requireStarted();
		if (mongoStopped) {
			return;
		}
		mongo.shutdownNow();
		mongoStopped = true;
		Log.LOG.info("MongoDB server stopped (port {} stays reserved for it)", mongoPort);
	}

	/** Starts the MongoDB server again on its port, with the data it had. */
	public synchronized void startMongo() {
		requireStarted();
		if (!mongoStopped) {
			return;
		}
		startMongoServer();
		mongoStopped = false;
	}

	public synchronized boolean isMongoRunning() {
		return mongo != null && !mongoStopped;
	}

	/** E.g. {@code mongodb://localhost:27017} (no database; append {@code /<db>}). */
	public synchronized String mongoUri() {
		requireStarted();
		return "mongodb://localhost:" + mongoPort;
	}

	public synchronized int mongoPort() {
		requireStarted();
		return mongoPort;
	}

	public Path dataDir() {
		return dataDir;
	}

	private void requireStarted() {
		if (kafka == null || mongo == null) {
			throw new IllegalStateException("the local stack is not started");
		}
	}

	/** Stops Kafka, then MongoDB (flushing its file). Idempotent. */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		if (kafka != null) {
			try {
				kafka.stop();
			}
			catch (RuntimeException e) {
				Log.LOG.warn("error while stopping Kafka", e);
			}
		}
		if (mongo != null && !mongoStopped) {
			try {
				mongo.shutdownNow();
			}
			catch (RuntimeException e) {
				Log.LOG.warn("error while stopping MongoDB", e);
			}
		}
		Log.LOG.info("local stack stopped");
	}

	/**
	 * When this JVM's logging is logback and nobody configured the loggers of the
	 * embedded servers, keeps them at WARN: logback's default is DEBUG on the console,
	 * which for a Kafka broker is a flood.
	 */
	static void quietenLoggers() {
		try {
			if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
				for (String name : new String[] { "kafka", "org.apache.kafka", "state.change.logger", "de.bwaldvogel",
						"io.netty", "org.h2" }) {
					ch.qos.logback.classic.Logger logger = context.getLogger(name);
					if (logger.getLevel() == null) {
						logger.setLevel(ch.qos.logback.classic.Level.WARN);
					}
				}
			}
		}
		catch (NoClassDefFoundError ignored) {
			// logback is not on the class path: whatever logs is configured elsewhere
		}
	}

	/**
	 * Runs the stack alone until the JVM is stopped. Environment: {@code KAFKA_PORT}
	 * (9092), {@code KAFKA_CONTROLLER_PORT} (9093), {@code MONGO_PORT} (27017),
	 * {@code TOD_DATA_DIR} ({@code var/data}).
	 */
	public static void main(String[] args) throws InterruptedException {
		Path dataDir = Path.of(env("TOD_DATA_DIR", "var/data"));
		LoggingSetup.toFileAndConsole(dataDir.toAbsolutePath().getParent().resolve("logs"));
		LocalStack stack = new LocalStack(dataDir,
				Integer.parseInt(env("KAFKA_PORT", Integer.toString(DEFAULT_KAFKA_PORT))),
				Integer.parseInt(env("KAFKA_CONTROLLER_PORT", Integer.toString(DEFAULT_KAFKA_CONTROLLER_PORT))),
				Integer.parseInt(env("MONGO_PORT", Integer.toString(DEFAULT_MONGO_PORT))));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.close();
			stopped.countDown();
		}, "local-stack-shutdown"));
		try {
			stack.start();
		}
		catch (RuntimeException e) {
			System.err.println("local stack failed to start: " + e.getMessage());
			Log.LOG.error("local stack failed to start", e);
			System.exit(1);
		}
		System.out.println("Kafka:   " + stack.kafkaBootstrapServers());
		System.out.println("MongoDB: " + stack.mongoUri());
		System.out.println("Data:    " + stack.dataDir());
		stopped.await();
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? defaultValue : value.trim();
	}

}
