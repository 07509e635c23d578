package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

	@TempDir
	Path dataDir;

	@Test
	void kafkaAndMongoWorkAndKeepTheirDataAcrossARestart() throws Exception {
		String id = UUID.randomUUID().toString();
		String clusterId;
		try (LocalStack stack = LocalStack.onFreePorts(dataDir).start()) {
			clusterId = stack.kafkaClusterId();
			assertThat(stack.kafkaBootstrapServers()).isEqualTo("localhost:" + stack.kafkaPort());
			assertThat(stack.mongoUri()).isEqualTo("mongodb://localhost:" + stack.mongoPort());
			assertTopics(stack);

			send(stack, "cms.content.v1", id, "{\"id\":\"" + id + "\",\"version\":1}");
			assertThat(readAll(stack, "cms.content.v1", "group-1"))
				.contains(id + "=" + "{\"id\":\"" + id + "\",\"version\":1}");

			try (MongoClient client = MongoClients.create(stack.mongoUri())) {
				client.getDatabase("cms")
					.getCollection("content")
					.insertOne(new Document("_id", id).append("content", "Tell us your biggest fear"));
				assertThat(client.getDatabase("cms").getCollection("content").find(Filters.eq("_id", id)).first())
					.containsEntry("content", "Tell us your biggest fear");
			}
		}

		try (LocalStack stack = LocalStack.onFreePorts(dataDir).start()) {
			assertThat(stack.kafkaClusterId()).isEqualTo(clusterId);
			try (MongoClient client = MongoClients.create(stack.mongoUri())) {
				assertThat(client.getDatabase("cms").getCollection("content").find(Filters.eq("_id", id)).first())
					.isNotNull()
					.containsEntry("content", "Tell us your biggest fear");
			}
			// a new group reads the topic from the start: the record written before the
			// restart is there
			assertThat(readAll(stack, "cms.content.v1", "group-2"))
				.contains(id + "=" + "{\"id\":\"" + id + "\",\"version\":1}");
			assertTopics(stack);
		}
	}

	@Test
	void kafkaRestartsOnTheSameAddressWithoutLosingRecords() throws Exception {
		try (LocalStack stack = LocalStack.onFreePorts(dataDir).start()) {
			String bootstrap = stack.kafkaBootstrapServers();
			send(stack, "ratings.reports.v1", "a", "before");

			stack.stopKafka();
			assertThat(stack.isKafkaRunning()).isFalse();
			assertThat(Ports.isAvailable(stack.kafkaPort())).isTrue();

			stack.startKafka();
			assertThat(stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
			send(stack, "ratings.reports.v1", "b", "after");
			// auto topic creation stays on
			send(stack, "auto.created.topic", "c", "auto");

			assertThat(readAll(stack, "ratings.reports.v1", "g")).contains("a=before", "b=after");
			assertThat(readAll(stack, "auto.created.topic", "g")).contains("c=auto");
		}
	}

	@Test
	void mongoStopsAndComesBackOnItsPortWithItsData() {
		try (LocalStack stack = LocalStack.onFreePorts(dataDir).start()) {
			String uri = stack.mongoUri();
			try (MongoClient client = MongoClients.create(uri + "/?serverSelectionTimeoutMS=1000")) {
				client.getDatabase("ratings").getCollection("ratings").insertOne(new Document("_id", "kept"));

				stack.stopMongo();
				assertThat(stack.isMongoRunning()).isFalse();
				assertThatThrownBy(() -> client.getDatabase("ratings")
					.getCollection("ratings")
					.insertOne(new Document("_id", "refused"))).isInstanceOf(MongoException.class);

				stack.startMongo();
				assertThat(stack.mongoUri()).isEqualTo(uri);
				// the same client reconnects by itself
				assertThat(
						client.getDatabase("ratings").getCollection("ratings").find(Filters.eq("_id", "kept")).first())
					.isNotNull();
				assertThat(client.getDatabase("ratings")
					.getCollection("ratings")
					.find(Filters.eq("_id", "refused"))
					.first()).isNull();
			}
		}
	}

	private static void assertTopics(LocalStack stack) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
			Map<String, TopicDescription> topics = admin.describeTopics(LocalTopics.names())
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			// every event topic and its dead-letter topic
			assertThat(topics).hasSize(Topics.ALL.size() * 2);
			assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
			var configs = admin
				.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "cms.content.v1"),
						new ConfigResource(ConfigResource.Type.TOPIC, "cms.moderation.v1"),
						new ConfigResource(ConfigResource.Type.TOPIC, "cms.content.v1.DLT")))
				.all()
				.get(30, TimeUnit.SECONDS);
			assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "cms.content.v1"))
				.get("cleanup.policy")
				.value()).isEqualTo("compact");
			var moderation = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "cms.moderation.v1"));
			assertThat(moderation.get("cleanup.policy").value()).isEqualTo("delete");
			assertThat(moderation.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
			assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "cms.content.v1.DLT"))
				.get("cleanup.policy")
				.value()).isEqualTo("delete");
		}
	}

	private static void send(LocalStack stack, String topic, String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Every record of {@code topic} as "key=value", read from the beginning by a fresh
	 * consumer group.
	 */
	private static List<String> readAll(LocalStack stack, String topic, String group) {
		List<String> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(Set.of(topic));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
				for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
					seen.add(r.key() + "=" + r.value());
				}
				return !seen.isEmpty() && consumer.assignment()
					.stream()
					.allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(Set.of(tp)).get(tp));
			});
		}
		return seen;
	}

}
