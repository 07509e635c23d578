package dev.truthordare.web.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import dev.truthordare.web.testapp.MinimalService;
import dev.truthordare.web.testing.RestartableMongo;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * A service on web-support whose store stops and comes back on the same port: writes are
 * a 503 problem with {@code Retry-After} within seconds (not the driver's 30 s), also
 * when a filter is the one that reads the store; nothing is written while it is down; an
 * event that arrives meanwhile is stored once it is back, not dead-lettered; and writes
 * work again without a restart of the service.
 */
@SpringBootTest(classes = { MinimalService.class, StoreOutageTest.Notes.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service",
				"platform.dead-letter.retries=1", "platform.dead-letter.interval=10ms" })
@EmbeddedKafka(partitions = 1, topics = { "notes", "notes.DLT" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class StoreOutageTest {

	static final RestartableMongo MONGO = new RestartableMongo();

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO.uri("notes"));
	}

	/** Notes written by request and by event; a filter that reads the store first. */
	@Configuration(proxyBeanMethods = false)
	@RestController
	static class Notes {

		private final MongoTemplate mongo;

		final AtomicInteger deliveries = new AtomicInteger();

		Notes(MongoClient client) {
			this.mongo = new MongoTemplate(client, "notes");
		}

		@PostMapping("/notes/{id}")
		ResponseEntity<Map<String, String>> write(@PathVariable String id) {
			mongo.insert(new Document("_id", id), "notes");
			return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
		}

		@GetMapping("/notes/{id}")
		ResponseEntity<Document> read(@PathVariable String id) {
			Document note = mongo.findById(id, Document.class, "notes");
			return note == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(note);
		}

		@GetMapping({ "/guarded/notes", "/early/notes" })
		Map<String, Long> count() {
			return Map.of("count", mongo.getCollection("notes").countDocuments());
		}

		@KafkaListener(topics = "notes",
				properties = "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer")
		void onNote(String id) {
			deliveries.incrementAndGet();
			mongo.save(new Document("_id", id), "notes");
		}

		/** After the store filter, as a security filter that looks up an account. */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> storeReadingFilter() {
			return storeReading("/guarded/*", Ordered.LOWEST_PRECEDENCE);
		}

		/**
		 * Before every filter of web-support: left to the container's error page.
		 */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> earlyStoreReadingFilter() {
			return storeReading("/early/*", Ordered.HIGHEST_PRECEDENCE);
		}

		private FilterRegistrationBean<OncePerRequestFilter> storeReading(String paths, int order) {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {
						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							mongo.getCollection("notes").countDocuments();
							chain.doFilter(request, response);
						}
					});
			registration.addUrlPatterns(paths);
			registration.setOrder(order);
			return registration;
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<Object, Object> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	Notes notes;

	@AfterEach
	void storeIsBack() {
		MONGO.start();
	}

	@Test
	void writesAreA503WithRetryAfterWithinSecondsAndWorkAgainOnceTheStoreIsBack() {
		assertThat(post("/notes/before").getStatusCode().value()).isEqualTo(201);

		MONGO.stop();
		long started = System.nanoTime();
		ResponseEntity<JsonNode> refused = post("/notes/during");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(refused.getStatusCode().value()).isEqualTo(503);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertStoreUnavailableProblem(refused);
		assertThat(refused.getBody().get("instance").asString()).isEqualTo("/notes/during");

		MONGO.start();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(post("/notes/after").getStatusCode().value()).isEqualTo(201));
		assertThat(get("/notes/before").getStatusCode().value()).isEqualTo(200);
		assertThat(get("/notes/during").getStatusCode().value()).as("nothing was written while the store was down")
			.isEqualTo(404);
	}

	@Test
	void aFilterThatReadsTheStoreAnswersTheSame503InsteadOfA500() {
		MONGO.stop();

		ResponseEntity<JsonNode> refused = get("/guarded/notes");
		ResponseEntity<JsonNode> refusedEarly = get("/early/notes");

		assertThat(refused.getStatusCode().value()).isEqualTo(503);
		assertStoreUnavailableProblem(refused);
		assertThat(refused.getBody().get("instance").asString()).isEqualTo("/guarded/notes");
		assertThat(refusedEarly.getStatusCode().value()).isEqualTo(503);
		assertStoreUnavailableProblem(refusedEarly);
		assertThat(refusedEarly.getBody().get("instance").asString()).isEqualTo("/early/notes");

		MONGO.start();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/guarded/notes").getStatusCode().value()).isEqualTo(200));
	}

	@Test
	void anEventThatArrivesWhileTheStoreIsDownIsStoredOnceItIsBackNotDeadLettered() {
		MONGO.stop();
		int before = notes.deliveries.get();
		kafka.send("notes", "while-down", "while-down".getBytes()).join();
		// more attempts than the one retry after which any other failure is dead-lettered
		await().atMost(Duration.ofSeconds(30)).until(() -> notes.deliveries.get() - before >= 4);

		MONGO.start();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/notes/while-down").getStatusCode().value()).isEqualTo(200));
		try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			deadLetters.subscribe(List.of("notes.DLT"));
			assertThat(deadLetters.poll(Duration.ofSeconds(2))).isEmpty();
		}
	}

	static void assertStoreUnavailableProblem(ResponseEntity<JsonNode> answer) {
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(answer.getBody().get("status").asInt()).isEqualTo(503);
		assertThat(answer.getBody().get("retry_after_seconds").asInt()).isEqualTo(5);
		assertThat(answer.getBody().get("detail").asString()).contains("data store is unavailable");
		assertThat(answer.getBody().toString()).doesNotContain("localhost", "127.0.0.1", "Exception", "\tat ");
	}

	private ResponseEntity<JsonNode> post(String path) {
		return http().post().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> get(String path) {
		return http().get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private RestClient http() {
		// the JDK's client: Apache's would retry a 503 after its Retry-After by itself
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

}
