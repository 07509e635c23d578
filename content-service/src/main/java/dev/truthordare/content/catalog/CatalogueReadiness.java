package dev.truthordare.content.catalog;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import dev.truthordare.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Not ready until this instance's index has read {@code cms.content.v1} up to where it
 * ended when the instance started: before that, a fresh instance would answer "no item
 * matches" for items it has simply not read yet. Health indicator {@code catalogue} (in
 * the readiness group, so Kubernetes holds traffic back), and the instance registers in
 * Eureka as STARTING and turns UP only once caught up (so the gateway holds traffic back
 * too). The end offsets are asked once, in the background, until the broker answers.
 */
@Component("catalogue")
class CatalogueReadiness implements HealthIndicator, ContentProjection.ReadProgress {

	private static final Logger log = LoggerFactory.getLogger(CatalogueReadiness.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final KafkaAdmin kafka;

	private final ObjectProvider<ApplicationInfoManager> eureka;

	/** Per partition, the offset the index must reach; null until the broker answered. */
	private volatile Map<Integer, Long> target;

	/** Per partition, the next offset to read (the last one read + 1). */
	private final Map<Integer, Long> read = new ConcurrentHashMap<>();

	private volatile boolean caughtUp;

	private volatile boolean registered;

	CatalogueReadiness(KafkaAdmin kafka, ObjectProvider<ApplicationInfoManager> eureka) {
		this.kafka = kafka;
		this.eureka = eureka;
		Thread.ofVirtual().name("catalogue-end-offsets").start(this::askEndOffsets);
	}

	/** The content projection read this record (tombstones included). */
	@Override
	public void read(int partition, long offset) {
		read.merge(partition, offset + 1, Math::max);
		check();
	}

	boolean caughtUp() {
		return caughtUp;
	}

	@Override
	public Health health() {
		Map<Integer, Long> goal = target;
		if (caughtUp) {
			return Health.up().build();
		}
		return Health.outOfService()
			.withDetail("reason",
					goal == null ? "asking Kafka where " + Topics.CMS_CONTENT + " ends"
							: "reading " + Topics.CMS_CONTENT + " up to where it ended at start")
			.build();
	}

	@EventListener
	void onRegistered(InstanceRegisteredEvent<?> event) {
		registered = true;
		markUp();
	}

	private void askEndOffsets() {
		while (target == null) {
			try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
				var partitions = admin.describeTopics(java.util.List.of(Topics.CMS_CONTENT))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(Topics.CMS_CONTENT)
					.partitions();
				Map<TopicPartition, OffsetSpec> latest = partitions.stream()
					.collect(Collectors.toMap(p -> new TopicPartition(Topics.CMS_CONTENT, p.partition()),
							p -> OffsetSpec.latest()));
				target = admin.listOffsets(latest)
					.all()
					.get(10, TimeUnit.SECONDS)
					.entrySet()
					.stream()
					.collect(Collectors.toUnmodifiableMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
				log.info("Ready once the catalogue is read up to {} (partition=end offset)", target);
				check();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception e) {
				log.info("Kafka does not tell where {} ends yet ({}); not ready", Topics.CMS_CONTENT, e.toString());
				try {
					Thread.sleep(RETRY);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void check() {
		Map<Integer, Long> goal = target;
		if (caughtUp || goal == null) {
			return;
		}
		if (goal.entrySet()
			.stream()
			.allMatch(e -> e.getValue() == 0 || read.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
			caughtUp = true;
			log.info("Catalogue caught up with {}: ready", Topics.CMS_CONTENT);
			markUp();
		}
	}

	/** UP in Eureka once both registered and caught up, whichever comes last. */
	private void markUp() {
		if (caughtUp && registered) {
			eureka.ifAvailable(manager -> manager.setInstanceStatus(InstanceStatus.UP));
		}
	}

}
