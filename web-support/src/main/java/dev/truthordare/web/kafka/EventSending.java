package dev.truthordare.web.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@link EventSender} of a service that publishes events from its request threads,
 * with its queue and losses as metrics ({@code events.waiting}, {@code events.dropped})
 * so an operator sees a broker outage pile up.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(EventSenderProperties.class)
public class EventSending {

	@Bean
	EventSender eventSender(KafkaTemplate<String, Object> kafka, EventSenderProperties properties,
			ObjectProvider<MeterRegistry> registries) {
		EventSender sender = new EventSender(kafka, properties);
		registries.ifAvailable(registry -> {
			Gauge.builder("events.waiting", sender, EventSender::waiting)
				.description("Events queued for the broker, not yet handed to the producer")
				.register(registry);
			FunctionCounter.builder("events.dropped", sender, EventSender::dropped)
				.description("Events given up: queue full, broker away too long, or refused by the broker")
				.register(registry);
		});
		return sender;
	}

}
