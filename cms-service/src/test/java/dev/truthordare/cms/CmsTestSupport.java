package dev.truthordare.cms;

import dev.truthordare.events.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.web.testing.ProblemProbe;
import dev.truthordare.web.testing.RestartableMongo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One CMS on a real (embedded) Kafka broker and Mongo wire server, shared by the CMS test
 * classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "cms.auth.admin-username=chief",
				"cms.auth.admin-password=correct-horse-battery", "cms.outbox.poll-interval=200ms",
				"cms.validation.banned-words=darn,heck", "cms.reports.flag-threshold=3" })
@EmbeddedKafka(partitions = 1,
		topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY, Topics.RATINGS_REPORTS,
				Topics.TRANSLATIONS, Topics.CMS_ACCOUNTS, Topics.FLAGS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(ProblemProbe.class)
abstract class CmsTestSupport {

	static final String ADMIN_PASSWORD = "correct-horse-battery";

	/** Restartable: {@link StoreOutageTest} stops it and starts it again on its port. */
	static final RestartableMongo MONGO = new RestartableMongo();

	private static final String MONGO_ADDRESS = MONGO.uri("cms");

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	RestClient http() {
		// the JDK client: Apache HttpClient (on the classpath for Eureka) would silently
		// wait out Retry-After and retry
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	String token(String username, String password) {
		ResponseEntity<JsonNode> answer = http().post()
			.uri("/api/v1/cms/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", password))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		return answer.getBody().get("access_token").asString();
	}

	String adminToken() {
		return token("chief", ADMIN_PASSWORD);
	}

	/** Creates an account with the given roles and returns a token for it. */
	String tokenWithRoles(String... roles) {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "a-long-password-" + username;
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/cms/accounts", adminToken(),
				Map.of("username", username, "password", password, "roles", List.of(roles)));
		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
		return token(username, password);
	}

	ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
		var request = http().method(method).uri(path);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	/**
	 * A new PENDING truth with unique text (so it is never a near-duplicate of another).
	 */
	String createTruth(String token) {
		String text = "Which moment of " + UUID.randomUUID() + " would you relive?";
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/cms/content", token,
				Map.of("type", "truth", "content", text, "category", "deep"));
		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
		return created.getBody().get("id").asString();
	}

	String status(String id) {
		return call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null).getBody().get("status").asString();
	}

}
