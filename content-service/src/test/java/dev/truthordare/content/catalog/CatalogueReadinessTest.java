package dev.truthordare.content.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import dev.truthordare.events.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A fresh instance is not ready, and not UP in Eureka, until its index has read the
 * content stream to where it ended when the instance started.
 */
class CatalogueReadinessTest {

	@Test
	void notReadyNorUpInEurekaUntilTheStreamIsReadToItsEndAtStart() throws Exception {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.CMS_CONTENT);
		broker.afterPropertiesSet();
		try {
			long last = 0;
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
					new StringSerializer())) {
				for (int i = 0; i < 5; i++) {
					RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.CMS_CONTENT, "t-" + i, "{}")).get();
					last = sent.offset();
				}
			}
			ApplicationInfoManager eureka = mock(ApplicationInfoManager.class);
			StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("eureka", eureka));
			CatalogueReadiness readiness = new CatalogueReadiness(
					new KafkaAdmin(Map.of("bootstrap.servers", broker.getBrokersAsString())),
					beans.getBeanProvider(ApplicationInfoManager.class));
			readiness.onRegistered(new InstanceRegisteredEvent<>(this, null));

			assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			for (long offset = 0; offset < last; offset++) {
				readiness.read(0, offset);
			}
			// give it every chance to have learned the end offset: still one record short
			await().atMost(Duration.ofSeconds(30))
				.until(() -> readiness.health().getDetails().get("reason").toString().startsWith("reading"));
			assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			verify(eureka, never()).setInstanceStatus(InstanceStatus.UP);

			readiness.read(0, last);
			assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
			verify(eureka).setInstanceStatus(InstanceStatus.UP);
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void anInstanceRegisteredAfterCatchingUpTurnsUpOnRegistration() throws Exception {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.CMS_CONTENT);
		broker.afterPropertiesSet();
		try {
			ApplicationInfoManager eureka = mock(ApplicationInfoManager.class);
			CatalogueReadiness readiness = new CatalogueReadiness(
					new KafkaAdmin(Map.of("bootstrap.servers", broker.getBrokersAsString())),
					new StaticListableBeanFactory(Map.of("eureka", eureka))
						.getBeanProvider(ApplicationInfoManager.class));

			// an empty stream: caught up as soon as its end is known
			await().atMost(Duration.ofSeconds(30)).until(readiness::caughtUp);
			verify(eureka, never()).setInstanceStatus(InstanceStatus.UP);
			readiness.onRegistered(new InstanceRegisteredEvent<>(this, null));
			verify(eureka).setInstanceStatus(InstanceStatus.UP);
		}
		finally {
			broker.destroy();
		}
	}

}
