package dev.truthordare.cms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.cms.CmsInstances;
import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two CMS instances, one relay: the lease holder publishes every event exactly once and
 * in order per item while both take writes; when it stops or dies, the other takes over
 * with nothing lost. The lease has its default length (10 s).
 */
class RelayLeaseTest {

	private static final Duration TAKEOVER = Duration.ofSeconds(15);

	@Test
	void oneInstanceRelaysEveryEventOnceInOrderAndTheOtherTakesOverWhenItStops() {
		try (CmsInstances instances = new CmsInstances(); Published published = new Published(instances)) {
			CmsInstances.Instance a = instances.start("a");
			CmsInstances.Instance b = instances.start("b");

			List<String> ids = writeThroughBoth(a, b, 12);
			published.awaitAll(a, ids, Duration.ofSeconds(30));

			Set<String> sources = published.sourcesOf(ids);
			assertThat(sources).hasSize(1);
			CmsInstances.Instance holder = sources.contains(a.source()) ? a : b;
			CmsInstances.Instance other = holder == a ? b : a;
			assertThat(holder.bean(OutboxRelay.class).relaying()).isTrue();
			assertThat(other.bean(OutboxRelay.class).relaying()).isFalse();
			assertThat(holderGauge(holder)).isEqualTo(1);
			assertThat(holderGauge(other)).isZero();
			published.assertExactlyOnceInOrder(a, ids);

			Instant stopped = Instant.now();
			holder.close();
			List<String> later = writeThroughBoth(other, other, 6);
			published.awaitAll(other, later, TAKEOVER);

			assertThat(published.sourcesOf(later)).containsExactly(other.source());
			published.assertExactlyOnceInOrder(other, ids);
			published.assertExactlyOnceInOrder(other, later);
			System.out.printf("Relay takeover after a graceful stop: %d ms%n",
					Duration.between(stopped, published.firstArrival(later)).toMillis());
		}
	}

	@Test
	void whenTheRelayingInstanceDiesWithoutReleasingItsLeaseTheOtherTakesOverOnceItExpires() {
		try (CmsInstances instances = new CmsInstances(); Published published = new Published(instances)) {
			CmsInstances.Instance c = instances.start("c");
			CmsInstances.Instance d = instances.start("d");
			List<String> first = writeThroughBoth(c, d, 2);
			published.awaitAll(c, first, Duration.ofSeconds(30));
			CmsInstances.Instance holder = published.sourcesOf(first).contains(c.source()) ? c : d;
			CmsInstances.Instance survivor = holder == c ? d : c;

			// as a process that dies: relaying stops, the lease stays in the store
			holder.bean(OutboxRelay.class).halt();
			Instant died = Instant.now();
			List<String> later = writeThroughBoth(holder, survivor, 6);
			published.awaitAll(survivor, later, TAKEOVER);

			Duration takeover = Duration.between(died, published.firstArrival(later));
			System.out.printf("Relay takeover after the holder died: %d ms%n", takeover.toMillis());
			// it waited for the lease to expire: renewed at most a third of 10 s before
			assertThat(takeover).isGreaterThan(Duration.ofSeconds(5));
			assertThat(published.sourcesOf(later)).containsExactly(survivor.source());
			assertThat(survivor.bean(OutboxRelay.class).relaying()).isTrue();
			published.assertExactlyOnceInOrder(survivor, first);
			published.assertExactlyOnceInOrder(survivor, later);
		}
	}

	private static double holderGauge(CmsInstances.Instance instance) {
		return instance.bean(MeterRegistry.class).get("cms.outbox.relay.holder").gauge().value();
	}

	/**
	 * Creates {@code count} items alternately through both instances, then approves and
	 * edits each through both at once (some of those lose to a concurrent change with a
	 * 409, as they would in production).
	 */
	private static List<String> writeThroughBoth(CmsInstances.Instance x, CmsInstances.Instance y, int count) {
		String xToken = x.adminToken();
		String yToken = y.adminToken();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CmsInstances.Instance via = i % 2 == 0 ? x : y;
			var created = via.call(HttpMethod.POST, "/api/v1/cms/content", via == x ? xToken : yToken,
					Map.of("type", "truth", "content", "Which secret of " + UUID.randomUUID() + " would you keep?",
							"category", "deep"));
			assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
			ids.add(created.getBody().get("id").asString());
		}
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<CompletableFuture<Integer>> answers = new ArrayList<>();
			for (String id : ids) {
				answers.add(CompletableFuture
					.supplyAsync(() -> x.call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/approve", xToken, null)
						.getStatusCode()
						.value(), pool));
				answers.add(CompletableFuture.supplyAsync(
						() -> y.call(HttpMethod.PUT, "/api/v1/cms/content/" + id, yToken, Map.of("category", "funny"))
							.getStatusCode()
							.value(),
						pool));
				answers.add(
						CompletableFuture.supplyAsync(
								() -> x
									.call(HttpMethod.PUT, "/api/v1/cms/content/" + id, xToken,
											Map.of("content",
													"Which secret of " + UUID.randomUUID() + " would you share?"))
									.getStatusCode()
									.value(),
								pool));
			}
			assertThat(answers.stream().map(CompletableFuture::join).toList()).containsOnly(200, 409).contains(200);
		}
		finally {
			pool.shutdown();
		}
		return ids;
	}

	/** What arrives on the content and moderation topics, read as a consumer would. */
	private static final class Published implements AutoCloseable {

		private record Arrival(String topic, String itemId, long version, String source, Instant at) {
		}

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

		private final KafkaConsumer<String, String> consumer;

		private final Thread poller;

		Published(CmsInstances instances) {
			consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, instances.bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
							ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new StringDeserializer());
			consumer.subscribe(List.of(Topics.CMS_CONTENT, Topics.CMS_MODERATION));
			poller = Thread.ofPlatform().name("relay-test-consumer").start(this::poll);
		}

		private void poll() {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						var source = record.headers().lastHeader(CloudEvents.SOURCE);
						arrivals.add(new Arrival(record.topic(), record.key(),
								JSON.readTree(record.value()).get("version").asLong(),
								source == null ? null : new String(source.value(), StandardCharsets.UTF_8),
								Instant.now()));
					}
				}
			}
			catch (WakeupException closing) {
				// close() asked to stop
			}
			finally {
				consumer.close();
			}
		}

		/**
		 * Waits until every item's outbox is empty and its latest version has arrived on
		 * both topics.
		 */
		void awaitAll(CmsInstances.Instance reader, Collection<String> ids, Duration within) {
			MongoTemplate mongo = reader.bean(MongoTemplate.class);
			await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				for (String id : ids) {
					ContentItem item = mongo.findById(id, ContentItem.class);
					assertThat(item.getOutbox()).as("outbox of " + id).isEmpty();
					assertThat(versions(Topics.CMS_CONTENT, id)).contains(item.getVersion());
					assertThat(versions(Topics.CMS_MODERATION, id)).contains(item.getVersion());
				}
			});
		}

		/** Each version of each item once on each topic, oldest first. */
		void assertExactlyOnceInOrder(CmsInstances.Instance reader, Collection<String> ids) {
			MongoTemplate mongo = reader.bean(MongoTemplate.class);
			for (String id : ids) {
				long latest = mongo.findById(id, ContentItem.class).getVersion();
				List<Long> expected = LongStream.rangeClosed(0, latest).boxed().toList();
				assertThat(versions(Topics.CMS_CONTENT, id)).as("snapshots of " + id).isEqualTo(expected);
				assertThat(versions(Topics.CMS_MODERATION, id)).as("decisions on " + id).isEqualTo(expected);
			}
		}

		Set<String> sourcesOf(Collection<String> ids) {
			return arrivals.stream()
				.filter(arrival -> ids.contains(arrival.itemId()))
				.map(Arrival::source)
				.collect(Collectors.toSet());
		}

		Instant firstArrival(Collection<String> ids) {
			return arrivals.stream()
				.filter(arrival -> ids.contains(arrival.itemId()))
				.map(Arrival::at)
				.min(Instant::compareTo)
				.orElseThrow();
		}

		private List<Long> versions(String topic, String id) {
			return arrivals.stream()
				.filter(arrival -> arrival.topic().equals(topic) && arrival.itemId().equals(id))
				.map(Arrival::version)
				.toList();
		}

		@Override
		public void close() {
			consumer.wakeup();
			try {
				poller.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
