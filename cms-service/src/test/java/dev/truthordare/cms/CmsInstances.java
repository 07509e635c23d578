package dev.truthordare.cms;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.Topics;
import dev.truthordare.infra.local.SerializedMongoBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Several CMS instances in one test JVM, each its own application context, all on ONE
 * embedded Mongo wire server and ONE embedded Kafka broker: what {@code TOD_INSTANCES=2}
 * runs, minus the processes.
 */
public final class CmsInstances implements AutoCloseable {

	public static final String ADMIN = "chief";

	public static final String ADMIN_PASSWORD = "correct-horse-battery";

	private final MongoServer mongo = new MongoServer(SerializedMongoBackend.wrap(new MemoryBackend()));

	private final String mongoAddress;

	private final EmbeddedKafkaKraftBroker kafka;

	private final List<Instance> started = new ArrayList<>();

	public CmsInstances() {
		mongoAddress = "mongodb://localhost:" + mongo.bind().getPort() + "/cms";
		kafka = new EmbeddedKafkaKraftBroker(1, 1, Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY,
				Topics.RATINGS_REPORTS, Topics.TRANSLATIONS, Topics.CMS_ACCOUNTS);
		kafka.afterPropertiesSet();
	}

	/**
	 * The shared store, for what a test must write or read behind the instances' backs.
	 */
	public String mongoAddress() {
		return mongoAddress;
	}

	public String bootstrapServers() {
		return kafka.getBrokersAsString();
	}

	/**
	 * Starts an instance whose events carry the CloudEvents source {@code /cms-<name>},
	 * so a test can tell which instance published what.
	 */
	public Instance start(String name, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "eureka.client.enabled=false",
				"spring.mongodb.uri=" + mongoAddress, "spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"cms.auth.admin-username=" + ADMIN, "cms.auth.admin-password=" + ADMIN_PASSWORD,
				"cms.seed.enabled=false", "cms.outbox.source=/cms-" + name));
		properties.addAll(List.of(extraProperties));
		// as command-line arguments, so they win over application.yml's environment
		// defaults
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CmsApplication.class)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
		Instance instance = new Instance(name, context);
		started.add(instance);
		return instance;
	}

	@Override
	public void close() {
		started.forEach(Instance::close);
		kafka.destroy();
		mongo.shutdownNow();
	}

	public static final class Instance implements AutoCloseable {

		private final String name;

		private final ConfigurableApplicationContext context;

		private final RestClient http;

		Instance(String name, ConfigurableApplicationContext context) {
			this.name = name;
			this.context = context;
			// the JDK client: Apache HttpClient would silently wait out Retry-After and
			// retry
			this.http = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
				.defaultStatusHandler(status -> true, (request, response) -> {
				})
				.build();
		}

		public String name() {
			return name;
		}

		/** The CloudEvents source of what this instance publishes. */
		public String source() {
			return "/cms-" + name;
		}

		public <T> T bean(Class<T> type) {
			return context.getBean(type);
		}

		public boolean running() {
			return context.isActive();
		}

		public String adminToken() {
			ResponseEntity<JsonNode> answer = call(HttpMethod.POST, "/api/v1/cms/auth/token", null,
					Map.of("username", ADMIN, "password", ADMIN_PASSWORD));
			if (answer.getStatusCode().value() != 200) {
				throw new IllegalStateException("No token from " + name + ": " + answer.getBody());
			}
			return answer.getBody().get("access_token").asString();
		}

		public ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body,
				String... headers) {
			var request = http.method(method).uri(path);
			if (token != null) {
				request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			}
			for (int i = 0; i + 1 < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().toEntity(JsonNode.class);
		}

		@Override
		public void close() {
			if (context.isActive()) {
				context.close();
			}
		}

	}

}
