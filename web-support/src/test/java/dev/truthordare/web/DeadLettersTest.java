package dev.truthordare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.web.testapp.MinimalService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A record whose handling keeps failing is retried the configured number of times, then
 * parked in its DLT.
 */
@SpringBootTest(classes = { MinimalService.class, DeadLettersTest.FailingListener.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service",
				"platform.dead-letter.retries=2", "platform.dead-letter.interval=10ms" })
@EmbeddedKafka(partitions = 1, topics = { "probe", "probe.DLT" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeadLettersTest {

	@Configuration(proxyBeanMethods = false)
	static class FailingListener {

		final AtomicInteger attempts = new AtomicInteger();

		@Bean
		FailingListener listener() {
			return this;
		}

		@KafkaListener(topics = "probe",
				properties = "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer")
		void handle(String value) {
			attempts.incrementAndGet();
			throw new IllegalStateException("cannot handle " + value);
		}

	}

	@Autowired
	KafkaTemplate<Object, Object> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	FailingListener listener;

	@Test
	void aPoisonRecordIsRetriedTwiceThenPublishedToItsDeadLetterTopic() {
		kafka.send("probe", "item-1", "poison".getBytes());

		try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			deadLetters.subscribe(List.of("probe.DLT"));
			List<ConsumerRecord<String, String>> parked = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				deadLetters.poll(Duration.ofMillis(200)).forEach(parked::add);
				return !parked.isEmpty();
			});
			assertThat(parked.getFirst().key()).isEqualTo("item-1");
			assertThat(parked.getFirst().value()).contains("poison");
		}
		assertThat(listener.attempts.get()).isEqualTo(3);
	}

}
