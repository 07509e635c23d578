package dev.truthordare.flags;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps a {@link FlagStateProvider} fed from {@code flags.v1}: reads the compacted topic
 * from its beginning, then follows it. No consumer group: every instance reads every
 * partition itself (assign and seek to the beginning), so each one knows every flag, and
 * nothing is committed. Polls briefly ({@value #POLL_MILLIS} ms), so a change reaches
 * every instance well within 2 s. Until the topic is reached (Kafka down, topic not
 * created yet) the provider answers from what it holds: the default flags, all on. A
 * malformed record is logged and skipped; a tombstone (null value) is ignored, since a
 * flag is never deleted, only switched off.
 */
public final class FlagStateFeed implements AutoCloseable {

	// java.lang's logger: this library stays free of a logging dependency (Spring Boot
	// routes it to its own)
	private static final System.Logger log = System.getLogger(FlagStateFeed.class.getName());

	static final long POLL_MILLIS = 100;

	private static final Duration RETRY = Duration.ofSeconds(2);

	private final FlagStateProvider provider;

	private final Map<String, Object> config = new HashMap<>();

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private Instant lastProblemLogged = Instant.EPOCH;

	/**
	 * @param clientId names this reader in the broker's logs and metrics
	 * @param extraConfig further consumer settings (security, timeouts), may be empty
	 */
	public FlagStateFeed(FlagStateProvider provider, String bootstrapServers, String clientId,
			Map<String, Object> extraConfig) {
		this.provider = provider;
		config.putAll(extraConfig);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.thread = Thread.ofPlatform().name("flag-states").daemon().unstarted(this::run);
	}

	public void start() {
		thread.start();
	}

	/**
	 * Waits until the topic has been read to the end it had when this reader reached it,
	 * at most {@code limit}.
	 */
	public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
		return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void run() {
		KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		try {
			consumer = kafka;
			Map<TopicPartition, Long> target = null;
			while (running) {
				try {
					if (target == null) {
						target = assign(kafka);
						if (target == null) {
							sleep(RETRY);
							continue;
						}
					}
					for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(POLL_MILLIS))) {
						apply(record);
					}
					if (caughtUp.getCount() > 0 && reached(kafka, target)) {
						caughtUp.countDown();
						log.log(System.Logger.Level.INFO, "Flag states read to the end of " + Topics.FLAGS);
					}
				}
				catch (WakeupException e) {
					// close() asked us to stop
				}
				catch (KafkaException e) {
					logThrottled("Cannot read " + Topics.FLAGS + " yet (flags keep their last known state): "
							+ e.getMessage());
					sleep(RETRY);
				}
			}
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.ERROR, "Flag state reader stopped", e);
		}
		finally {
			// nothing to commit: no reason to wait the default 30 s for an absent broker
			kafka.close(CloseOptions.timeout(Duration.ofMillis(500)));
		}
	}

	/**
	 * Assigns every partition from its beginning; the end offsets to reach, or null to
	 * look for the topic again later.
	 */
	private Map<TopicPartition, Long> assign(KafkaConsumer<String, byte[]> kafka) {
		List<PartitionInfo> partitions = kafka.partitionsFor(Topics.FLAGS, Duration.ofSeconds(5));
		if (partitions == null || partitions.isEmpty()) {
			logThrottled(Topics.FLAGS + " does not exist yet: the default flags are in force");
			return null;
		}
		List<TopicPartition> assigned = partitions.stream()
			.map(info -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		kafka.assign(assigned);
		kafka.seekToBeginning(assigned);
		return kafka.endOffsets(assigned, Duration.ofSeconds(10));
	}

	private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> target) {
		return target.entrySet()
			.stream()
			.allMatch(end -> kafka.position(end.getKey(), Duration.ofSeconds(5)) >= end.getValue());
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			provider.apply(EventJson.MAPPER.readValue(record.value(), FlagState.class));
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.WARNING, "Skipped a malformed flag state at " + record.topic() + "-"
					+ record.partition() + "@" + record.offset() + ": " + e.getMessage());
		}
	}

	private void logThrottled(String message) {
		Instant now = Instant.now();
		if (now.isAfter(lastProblemLogged.plusSeconds(60))) {
			lastProblemLogged = now;
			log.log(System.Logger.Level.WARNING, message);
		}
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	@Override
	public void close() {
		running = false;
		KafkaConsumer<String, byte[]> kafka = consumer;
		if (kafka != null) {
			kafka.wakeup();
		}
		thread.interrupt();
		try {
			thread.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
