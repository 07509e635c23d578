package dev.truthordare.events.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Reads a compacted topic of states from its beginning, hands every state to a sink, and
 * then follows the topic. No consumer group: every instance reads every partition itself
 * (assign and seek to the beginning), so each one knows every state, and nothing is
 * committed. "Caught up" means the offsets that were the end of the topic when this
 * reader reached it; a topic that does not exist yet is looked for again every 2 s, and
 * whether its absence counts as caught up is the caller's call. A malformed record is
 * logged and skipped; a tombstone (null value) is ignored: these states are switched off,
 * never deleted.
 *
 * <p>
 * Open for a subclass per topic that only fixes the arguments ({@code AccountStateFeed},
 * {@code FlagStateFeed}).
 *
 * @param <T> the event contract the topic carries
 */
public class CompactedTopicReader<T> implements AutoCloseable {

	// java.lang's logger: the events library stays free of a logging dependency (Spring
	// Boot routes it to its own)
	private static final System.Logger log = System.getLogger(CompactedTopicReader.class.getName());

	private static final Duration RETRY = Duration.ofSeconds(2);

	private final String topic;

	private final Class<T> type;

	private final Consumer<? super T> sink;

	private final Duration poll;

	private final boolean absentTopicIsCaughtUp;

	private final Runnable onCaughtUp;

	private final Map<String, Object> config = new HashMap<>();

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private Instant lastProblemLogged = Instant.EPOCH;

	/**
	 * @param poll how long one poll waits: a new state reaches the sink within about this
	 * @param absentTopicIsCaughtUp whether a topic nobody has created yet holds nothing
	 * to wait for
	 * @param onCaughtUp runs once, on the reader's thread, when it first catches up
	 * @param clientId names this reader in the broker's logs and metrics
	 * @param extraConfig further consumer settings (security, timeouts), may be empty
	 */
	public CompactedTopicReader(String topic, Class<T> type, Consumer<? super T> sink, Duration poll,
			boolean absentTopicIsCaughtUp, Runnable onCaughtUp, String bootstrapServers, String clientId,
			Map<String, Object> extraConfig) {
		this.topic = topic;
		this.type = type;
		this.sink = sink;
		this.poll = poll;
		this.absentTopicIsCaughtUp = absentTopicIsCaughtUp;
		this.onCaughtUp = onCaughtUp;
		config.putAll(extraConfig);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.thread = Thread.ofPlatform().name(topic + "-reader").daemon().unstarted(this::run);
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
					for (ConsumerRecord<String, byte[]> record : kafka.poll(poll)) {
						apply(record);
					}
					if (caughtUp.getCount() > 0 && reached(kafka, target)) {
						markCaughtUp(topic + " read to its end");
					}
				}
				catch (WakeupException e) {
					// close() asked us to stop
				}
				catch (KafkaException e) {
					logThrottled(
							"Cannot read " + topic + " yet (the last states read stay in force): " + e.getMessage());
					sleep(RETRY);
				}
			}
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.ERROR, "The reader of " + topic + " stopped", e);
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
		List<PartitionInfo> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(5));
		if (partitions == null || partitions.isEmpty()) {
			if (absentTopicIsCaughtUp) {
				if (caughtUp.getCount() > 0) {
					markCaughtUp(topic + " does not exist yet: nothing to read");
				}
			}
			else {
				logThrottled(topic + " does not exist yet: the default states are in force");
			}
			return null;
		}
		List<TopicPartition> assigned = partitions.stream()
			.map(info -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		kafka.assign(assigned);
		kafka.seekToBeginning(assigned);
		return kafka.endOffsets(assigned, Duration.ofSeconds(10));
	}

	private void markCaughtUp(String why) {
		onCaughtUp.run();
		caughtUp.countDown();
		log.log(System.Logger.Level.INFO, why);
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
			sink.accept(EventJson.MAPPER.readValue(record.value(), type));
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.WARNING, "Skipped a malformed record at " + record.topic() + "-"
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
