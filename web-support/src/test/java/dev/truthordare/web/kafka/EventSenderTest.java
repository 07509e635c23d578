package dev.truthordare.web.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A broker that is away refuses records after {@code max.block.ms} (the template throws
 * "Send failed"): the request that produced the event must not fail or wait for it, and
 * the event must still reach the broker when it is back, in order.
 */
class EventSenderTest {

	private final AtomicBoolean brokerAway = new AtomicBoolean(true);

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private EventSender sender;

	@SuppressWarnings("unchecked")
	private EventSender sender(int capacity, Duration giveUpAfter) {
		KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);
		when(kafka.send(any(ProducerRecord.class))).thenAnswer(invocation -> {
			if (brokerAway.get()) {
				throw new KafkaException("Send failed", new TimeoutException("Topic not present in metadata"));
			}
			ProducerRecord<String, Object> record = invocation.getArgument(0);
			delivered.add(record.key());
			return CompletableFuture.completedFuture(mock(SendResult.class));
		});
		sender = new EventSender(kafka, new EventSenderProperties(capacity, giveUpAfter, Duration.ofMillis(20)));
		return sender;
	}

	@AfterEach
	void stop() throws InterruptedException {
		brokerAway.set(false);
		sender.destroy();
	}

	private static ProducerRecord<String, Object> event(String key) {
		return new ProducerRecord<>("ratings.v1", key, "summary of " + key);
	}

	@Test
	void eventsSentWhileTheBrokerIsAwayArriveInOrderOnceItIsBack() {
		EventSender events = sender(100, Duration.ofMinutes(1));

		assertThatNoException().isThrownBy(() -> {
			events.send(event("a"), "a");
			events.send(event("b"), "b");
			events.send(event("c"), "c");
		});
		assertThat(delivered).isEmpty();

		brokerAway.set(false);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).containsExactly("a", "b", "c"));
		assertThat(events.dropped()).isZero();
		assertThat(events.waiting()).isZero();
	}

	@Test
	void anEventIsGivenUpWhenTheBrokerStaysAwayLongerThanAllowed() {
		EventSender events = sender(100, Duration.ofMillis(200));

		events.send(event("lost"), "lost");

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.dropped()).isEqualTo(1));
		brokerAway.set(false);
		events.send(event("next"), "next");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(delivered).containsExactly("next"));
	}

	@Test
	void aFullQueueDropsTheOldestWaitingEventNotTheNewest() {
		EventSender events = sender(2, Duration.ofMinutes(1));
		events.send(event("first"), "first");
		// the sender thread holds "first"; the queue holds the next two
		await().atMost(Duration.ofSeconds(5)).until(() -> events.waiting() == 0);
		events.send(event("second"), "second");
		events.send(event("third"), "third");
		events.send(event("fourth"), "fourth");

		assertThat(events.dropped()).isEqualTo(1);
		brokerAway.set(false);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(delivered).containsExactly("first", "third", "fourth"));
	}

}
