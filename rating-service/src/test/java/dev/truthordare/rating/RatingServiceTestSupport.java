package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.web.testing.ProblemProbe;
import dev.truthordare.web.testing.RestartableMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The running rating-service (random port, embedded Kafka, an in-memory Mongo wire
 * server) with the items the tests rate, and the calls they make. Every subclass has the
 * same configuration, so Spring starts one application for all of them; each test uses
 * items of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@EmbeddedKafka(partitions = 1,
		topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY, Topics.RATINGS_REPORTS,
				Topics.TRANSLATIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ProblemProbe.class)
abstract class RatingServiceTestSupport {

	/**
	 * Lives as long as the cached application that uses it: until the test JVM ends, not
	 * the first class. {@link StoreOutageTest} stops it and starts it again on its port.
	 */
	static final RestartableMongo MONGO = new RestartableMongo();

	private static final String MONGO_ADDRESS = MONGO.uri("ratings");

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, Object> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	RestClient http() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	/**
	 * The address the gateway would report for a client: one of its own for every client
	 * id (and so, almost always, a network of its own), unless a test says otherwise.
	 */
	static String addressOf(String client) {
		int hash = client.hashCode();
		return "10." + ((hash >>> 16) & 0xff) + "." + ((hash >>> 8) & 0xff) + "." + (hash & 0xff);
	}

	ResponseEntity<JsonNode> rate(String client, String contentId, Object stars) {
		return rate(client, addressOf(client), contentId, stars);
	}

	ResponseEntity<JsonNode> rate(String client, String address, String contentId, Object stars) {
		return rate(http(), client, address, contentId, stars);
	}

	/** A rating sent through {@code instance}, as the gateway would forward it. */
	static ResponseEntity<JsonNode> rate(RestClient instance, String client, String address, String contentId,
			Object stars) {
		return instance.post()
			.uri("/api/v1/ratings")
			.header("X-Client-Id", client)
			.header("X-Client-Address", address)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("content_id", contentId, "rating", stars))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@BeforeAll
	void anApprovedAndAPendingItemExist() {
		Map<String, ContentStatus> items = new java.util.HashMap<>(Map.of("item-approved", ContentStatus.APPROVED,
				"item-replace", ContentStatus.APPROVED, "item-pending", ContentStatus.PENDING));
		for (String id : List.of("item-withdraw", "item-idem", "top-single", "top-many", "item-reported",
				"item-reported-2", "item-crowd", "dare-ranked", "item-capped", "top-sybil", "rep-one-network",
				"rep-exposed", "rep-reapproved", "rep-braked")) {
			items.put(id, ContentStatus.APPROVED);
		}
		for (var entry : items.entrySet()) {
			String id = entry.getKey();
			var status = entry.getValue();
			var type = id.startsWith("dare-") ? ContentType.DARE : ContentType.TRUTH;
			var snapshot = new ContentSnapshot(id, type, "What is your favourite smell?", "en", "funny", null, 1, "all",
					List.of(), status, null, null, null, null, null, null, Instant.now(), Instant.now(), 1);
			kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> items.keySet()
				.stream()
				.filter(id -> items.get(id) == ContentStatus.APPROVED)
				.allMatch(id -> http().get()
					.uri("/api/v1/ratings/" + id)
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value() == 200));
	}

	ResponseEntity<JsonNode> post(String path, String client, String json, String... headers) {
		var request = http().post().uri(path).contentType(MediaType.APPLICATION_JSON);
		if (client != null) {
			request = request.header("X-Client-Id", client);
		}
		boolean addressGiven = false;
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
			addressGiven |= headers[i].equals("X-Client-Address");
		}
		if (client != null && !addressGiven) {
			request = request.header("X-Client-Address", addressOf(client));
		}
		return request.body(json).retrieve().toEntity(JsonNode.class);
	}

	/**
	 * Every report of {@code contentId} published so far, in order, once there are at
	 * least {@code expected}.
	 */
	List<ContentReported> reportsOf(String contentId, int expected) {
		List<ContentReported> reports = new ArrayList<>(
				eventsOf(Topics.RATINGS_REPORTS, contentId, ContentReported.class, found -> found.size() >= expected));
		reports.sort(Comparator.comparingLong(ContentReported::reportCount));
		return reports;
	}

	/**
	 * The events of one item on {@code topic} from the beginning, read until
	 * {@code enough} holds for those read so far.
	 */
	<T> List<T> eventsOf(String topic, String contentId, Class<T> type, Predicate<List<T>> enough) {
		List<T> events = new ArrayList<>();
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (record.key().equals(contentId)) {
						events.add(type.cast(record.value()));
					}
				});
				return enough.test(events);
			});
		}
		return events;
	}

	/** Sends a CMS snapshot of a truth in {@code status} at {@code version}. */
	void cmsSays(String id, ContentStatus status, long version) {
		var snapshot = new ContentSnapshot(id, ContentType.TRUTH, "What is your favourite smell?", "en", "funny", null,
				1, "all", List.of(), status, null, null, null, null, null, null, Instant.now(), Instant.now(), version);
		kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
	}

	JsonNode summaryOf(String contentId) {
		return http().get().uri("/api/v1/ratings/" + contentId).retrieve().body(JsonNode.class);
	}

	ResponseEntity<JsonNode> withdraw(String client, String contentId) {
		var request = http().delete().uri("/api/v1/ratings/" + contentId);
		if (client != null) {
			request = request.header("X-Client-Id", client);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	static void assertProblem(ResponseEntity<JsonNode> answer, int status, String detailContains) {
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("detail").asString()).contains(detailContains);
	}

}
