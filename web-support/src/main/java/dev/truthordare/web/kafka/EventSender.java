package dev.truthordare.web.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the events a request produces after the fact it reports is stored, without making
 * the request wait on the broker or fail with it. A request thread only queues the
 * record; one sender thread hands records to the producer in the order they were queued.
 * When the broker is gone the producer blocks up to {@code max.block.ms} for metadata and
 * then refuses the record: the sender pauses and hands the same record again until it is
 * taken or {@code platform.events.give-up-after} has passed, so a broker outage shorter
 * than that delays events but loses none and never turns a player's rating into a 500.
 * Once taken, the producer's own retries ({@code delivery.timeout.ms}) carry the record.
 * <p>
 * The queue is bounded ({@code platform.events.queue-capacity}): a longer outage under
 * load drops the oldest waiting record and logs it, rather than growing without limit.
 * Events that must never be lost do not belong here but in a store-backed outbox, as
 * cms-service's decisions do. The agent carries the request's trace context into the
 * sender thread, so the record still continues the request's trace.
 */
public class EventSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventSender.class);

	private final KafkaTemplate<String, Object> kafka;

	private final Duration giveUpAfter;

	private final Duration pause;

	private final ThreadPoolExecutor sender;

	private final AtomicLong dropped = new AtomicLong();

	private volatile boolean stopping;

	public EventSender(KafkaTemplate<String, Object> kafka, EventSenderProperties properties) {
		this.kafka = kafka;
		this.giveUpAfter = properties.giveUpAfter();
		this.pause = properties.retryPause();
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), task -> {
					Thread thread = new Thread(task, "event-sender");
					thread.setDaemon(true);
					return thread;
				}, (task, executor) -> {
					if (executor.isShutdown()) {
						log.warn("Event refused: the service is stopping");
						return;
					}
					// the oldest record gives way: later records of the same item
					// supersede it
					// more often than not
					executor.getQueue().poll();
					long total = dropped.incrementAndGet();
					log.error("Event queue full ({} waiting): oldest event dropped, {} dropped so far",
							executor.getQueue().size(), total);
					if (!executor.isShutdown()) {
						executor.getQueue().offer(task);
					}
				});
	}

	/**
	 * Queues {@code record}; {@code what} names it in the log if it cannot be sent.
	 */
	public void send(ProducerRecord<String, Object> record, String what) {
		sender.execute(() -> handOver(record, what));
	}

	/** Records waiting to be handed to the producer. */
	public int waiting() {
		return sender.getQueue().size();
	}

	/** Records dropped because the queue was full or the broker stayed away too long. */
	public long dropped() {
		return dropped.get();
	}

	private void handOver(ProducerRecord<String, Object> record, String what) {
		long deadline = System.nanoTime() + giveUpAfter.toNanos();
		while (true) {
			try {
				kafka.send(record).whenComplete((result, failure) -> {
					if (failure != null) {
						dropped.incrementAndGet();
						log.warn("{} not published: {}", what, failure.getMessage());
					}
				});
				return;
			}
			catch (RuntimeException refused) {
				// no metadata within max.block.ms: the broker is away
				if (stopping || System.nanoTime() > deadline) {
					dropped.incrementAndGet();
					log.warn("{} not published, broker away for {}: {}", what, giveUpAfter, refused.toString());
					return;
				}
				log.debug("{} waits for the broker: {}", what, refused.toString());
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping = true;
		sender.shutdown();
		// what is queued is handed over while the producer still exists
		if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
			log.warn("{} events still waiting at shutdown, not published", sender.getQueue().size());
			sender.shutdownNow();
		}
	}

}
