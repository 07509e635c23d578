package dev.truthordare.events.revocation;

import dev.truthordare.events.AccountState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * Reads {@code cms.accounts.v1} from its beginning into an {@link AccountStates}, and
 * then follows it. No consumer group: every instance reads every partition itself (assign
 * and seek to the beginning), so each one knows every revocation, and nothing is
 * committed. The states become ready once the offsets that were the end of the topic at
 * start are reached; a topic that does not exist yet holds no revocation, so it counts as
 * read (and is looked for again). A malformed record is logged and skipped.
 */
public final class AccountStateFeed implements AutoCloseable {

	// java.lang's logger: this library stays free of a logging dependency (Spring Boot
	// routes it to its own)
	private static final System.Logger log = System.getLogger(AccountStateFeed.class.getName());

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration RETRY = Duration.ofSeconds(2);

	private final AccountStates states;

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
	public AccountStateFeed(AccountStates states, String bootstrapServers, String clientId,
			Map<String, Object> extraConfig) {
		this.states = states;
		config.putAll(extraConfig);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.thread = Thread.ofPlatform().name("account-states").daemon().unstarted(this::run);
	}

	public void start() {
		thread.start();
	}

	/**
	 * Waits until the topic has been read to the end it had at start, at most
	 * {@code limit}.
	 */
	public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
		return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void run() {
		try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
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
					for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
						apply(record);
					}
					if (!states.ready() && reached(kafka, target)) {
						states.markReady();
						caughtUp.countDown();
						log.log(System.Logger.Level.INFO, "Account states read to the end of " + Topics.CMS_ACCOUNTS
								+ ": revoked tokens are refused from now on");
					}
				}
				catch (WakeupException e) {
					// close() asked us to stop
				}
				catch (KafkaException e) {
					logThrottled("Cannot read " + Topics.CMS_ACCOUNTS + " yet: " + e.getMessage());
					sleep(RETRY);
				}
			}
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.ERROR, "Account state reader stopped", e);
		}
	}

	/**
	 * Assigns every partition from its beginning; the end offsets to reach, or null to
	 * retry.
	 */
	private Map<TopicPartition, Long> assign(KafkaConsumer<String, byte[]> kafka) {
		List<PartitionInfo> partitions = kafka.partitionsFor(Topics.CMS_ACCOUNTS, Duration.ofSeconds(5));
		if (partitions == null || partitions.isEmpty()) {
			if (!states.ready()) {
				states.markReady();
				caughtUp.countDown();
				log.log(System.Logger.Level.INFO,
						Topics.CMS_ACCOUNTS + " does not exist yet: no account has been revoked");
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
			states.apply(EventJson.MAPPER.readValue(record.value(), AccountState.class));
		}
		catch (RuntimeException e) {
			log.log(System.Logger.Level.WARNING, "Skipped a malformed account state at " + record.topic() + "-"
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
