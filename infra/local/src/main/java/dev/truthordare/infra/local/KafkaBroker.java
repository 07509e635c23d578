package dev.truthordare.infra.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker in KRaft combined mode (broker + controller, node id 1) running
 * in this JVM, driven through Kafka's own classes: the storage {@link Formatter} once per
 * log dir, then {@link KafkaRaftServer}. Ports are fixed for its whole life, so a
 * stop/start keeps the same bootstrap address and log dir.
 *
 * <p>
 * Over 300 lines because Kafka's server classes need their whole configuration spelled
 * out (listeners, KRaft quorum, storage format, log settings); it does one thing.
 */
final class KafkaBroker {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	static {
		// Kafka exits or halts the JVM on fatal errors. In here that JVM is the launcher
		// or a test run: turning
		// the exit into an exception keeps the rest (service processes, their shutdown)
		// under control.
		Exit.setExitProcedure((code, message) -> {
			log.error("Kafka asked to exit the JVM with status {}: {}", code, message);
			throw new IllegalStateException("Kafka requested exit(" + code + "): " + message);
		});
		Exit.setHaltProcedure((code, message) -> {
			log.error("Kafka asked to halt the JVM with status {}: {}", code, message);
			throw new IllegalStateException("Kafka requested halt(" + code + "): " + message);
		});
	}

	private final Path logDir;

	private final int port;

	private final int controllerPort;

	private KafkaRaftServer server;

	private String clusterId;

	KafkaBroker(Path logDir, int port, int controllerPort) {
		this.logDir = logDir;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	String bootstrapServers() {
		return "localhost:" + port;
	}

	int port() {
		return port;
	}

	int controllerPort() {
		return controllerPort;
	}

	String clusterId() {
		return clusterId;
	}

	boolean isRunning() {
		return server != null;
	}

	synchronized void start() {
		if (server != null) {
			return;
		}
		Ports.requireAvailable(port, "Kafka broker");
		Ports.requireAvailable(controllerPort, "Kafka controller");
		long t0 = System.nanoTime();
		clusterId = formatIfNeeded();
		KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
		KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			raftServer.startup();
		}
		catch (RuntimeException e) {
			shutdownQuietly(raftServer);
			throw new IllegalStateException(
					"Kafka broker failed to start on " + bootstrapServers() + " (log dir " + logDir + ")", e);
		}
		server = raftServer;
		log.info("Kafka broker up at {} (cluster {}, log dir {}) in {} ms", bootstrapServers(), clusterId, logDir,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
	}

	synchronized void stop() {
		if (server == null) {
			return;
		}
		long t0 = System.nanoTime();
		shutdownQuietly(server);
		server = null;
		log.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
	}

	private static void shutdownQuietly(KafkaRaftServer raftServer) {
		try {
			raftServer.shutdown();
			raftServer.awaitShutdown();
		}
		catch (RuntimeException e) {
			log.warn("error while stopping the Kafka broker", e);
		}
	}

	/**
	 * Formats the log dir on first use (new cluster id, written to its meta.properties);
	 * afterwards returns the persisted cluster id, so a restart reuses the same data.
	 */
	private String formatIfNeeded() {
		Path metaProperties = logDir.resolve("meta.properties");
		try {
			if (Files.exists(metaProperties)) {
				Properties meta = new Properties();
				try (var in = Files.newInputStream(metaProperties)) {
					meta.load(in);
				}
				String existing = meta.getProperty("cluster.id");
				if (existing == null || existing.isBlank()) {
					throw new IllegalStateException(
							metaProperties + " has no cluster.id; delete " + logDir + " to start with an empty broker");
				}
				return existing;
			}
			Files.createDirectories(logDir);
			String newClusterId = Uuid.randomUuid().toString();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
				new Formatter().setPrintStream(printStream)
					.setNodeId(NODE_ID)
					.setClusterId(newClusterId)
					.setDirectories(List.of(logDir.toString()))
					.setMetadataLogDirectory(logDir.toString())
					.setControllerListenerName(CONTROLLER_LISTENER)
					.run();
			}
			log.info("formatted Kafka log dir {} with cluster id {}: {}", logDir, newClusterId,
					output.toString(StandardCharsets.UTF_8).trim());
			return newClusterId;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot prepare Kafka log dir " + logDir, e);
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot format Kafka log dir " + logDir, e);
		}
	}

	private Properties brokerProperties() {
		Properties p = new Properties();
		p.put("process.roles", "broker,controller");
		p.put("node.id", Integer.toString(NODE_ID));
		p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
		p.put("controller.listener.names", CONTROLLER_LISTENER);
		p.put("listeners",
				"PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
		p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		p.put("log.dirs", logDir.toString());
		p.put("metadata.log.dir", logDir.toString());

		// a single node: every internal topic with one replica
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "5");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "5");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("default.replication.factor", "1");
		p.put("min.insync.replicas", "1");

		p.put("auto.create.topics.enable", "true");
		p.put("num.partitions", Integer.toString(LocalTopics.PARTITIONS));
		p.put("delete.topic.enable", "true");
		// consumers join at once instead of waiting 3 s for more members
		p.put("group.initial.rebalance.delay.ms", "0");

		// small footprint: few threads, small cleaner buffer (default 128 MB), small
		// index files
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "2");
		p.put("background.threads", "2");
		p.put("num.recovery.threads.per.data.dir", "1");
		p.put("num.replica.fetchers", "1");
		p.put("log.cleaner.threads", "1");
		p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
		p.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
		p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
		p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
		p.put("queued.max.requests", "100");
		return p;
	}

	/**
	 * Creates the missing topics of {@code topics}; for existing ones raises the
	 * partition count to the spec and sets the spec's topic configs. Safe to call on
	 * every start.
	 */
	void ensureTopics(Collection<LocalTopics.TopicSpec> topics) {
		Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-admin", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				15_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		try (Admin admin = Admin.create(adminConfig)) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> toCreate = new ArrayList<>();
			List<LocalTopics.TopicSpec> toCheck = new ArrayList<>();
			for (LocalTopics.TopicSpec spec : topics) {
				if (existing.contains(spec.name())) {
					toCheck.add(spec);
				}
				else {
					toCreate.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
				}
			}
			if (!toCreate.isEmpty()) {
				var result = admin.createTopics(toCreate);
				for (var entry : result.values().entrySet()) {
					try {
						entry.getValue().get(30, TimeUnit.SECONDS);
					}
					catch (ExecutionException e) {
						if (!(e.getCause() instanceof TopicExistsException)) {
							throw e;
						}
						toCheck.add(
								topics.stream().filter(t -> t.name().equals(entry.getKey())).findFirst().orElseThrow());
					}
				}
				log.info("created topics {}", toCreate.stream().map(NewTopic::name).toList());
			}
			if (!toCheck.isEmpty()) {
				reconcile(admin, toCheck);
			}
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("cannot create the topics on " + bootstrapServers(), e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating topics", e);
		}
		catch (java.util.concurrent.TimeoutException e) {
			throw new IllegalStateException("timed out creating the topics on " + bootstrapServers(), e);
		}
	}

	private static void reconcile(Admin admin, List<LocalTopics.TopicSpec> specs)
			throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
		Map<String, TopicDescription> descriptions = admin
			.describeTopics(specs.stream().map(LocalTopics.TopicSpec::name).toList())
			.allTopicNames()
			.get(30, TimeUnit.SECONDS);
		Map<String, NewPartitions> grow = new HashMap<>();
		Map<ConfigResource, Collection<AlterConfigOp>> configs = new HashMap<>();
		for (LocalTopics.TopicSpec spec : specs) {
			int partitions = descriptions.get(spec.name()).partitions().size();
			if (partitions < spec.partitions()) {
				grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
			}
			configs.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec.configs()
				.entrySet()
				.stream()
				.map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
				.toList());
		}
		if (!grow.isEmpty()) {
			admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
			log.info("raised partition counts: {}", grow.keySet());
		}
		admin.incrementalAlterConfigs(configs).all().get(30, TimeUnit.SECONDS);
	}

}
