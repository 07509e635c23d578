package dev.truthordare.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.events.AccountState;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Tokens CMS has revoked since they were issued stop working here within seconds: CMS
 * publishes each account's state on {@code cms.accounts.v1} (played here by the test) and
 * this service refuses a token whose account is disabled or whose token version or roles
 * moved on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "translation.security.issuer=test-cms" })
@EmbeddedKafka(partitions = 1, topics = { Topics.CMS_CONTENT, Topics.TRANSLATIONS, Topics.CMS_ACCOUNTS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class TokenRevocationTest {

	private static final MongoServer MONGO = new MongoServer(new MemoryBackend());

	private static final String MONGO_ADDRESS = "mongodb://localhost:" + MONGO.bind().getPort() + "/translations";

	private static final RSAKey KEY = generateKey();

	private static final HttpServer JWKS = jwksServer();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://localhost:" + JWKS.getAddress().getPort() + "/jwks.json");
	}

	@AfterAll
	static void stop() {
		MONGO.shutdownNow();
		JWKS.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, Object> kafka;

	@Test
	void aDisabledTranslatorsNextWriteIs401WithinSecondsAndANewerTokenIsNotHeldBack() {
		knownItem("item-rev-1");
		String token = token("tina", 3, "TRANSLATOR");
		publish(new AccountState("tina", true, List.of("TRANSLATOR"), 3, 5));
		assertThat(draft("item-rev-1", token).getStatusCode().value()).isEqualTo(200);

		publish(new AccountState("tina", false, List.of("TRANSLATOR"), 4, 6));

		await().atMost(Duration.ofSeconds(5)).until(() -> draft("item-rev-1", token).getStatusCode().value() == 401);
		ResponseEntity<JsonNode> refused = draft("item-rev-1", token);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
		assertThat(refused.getBody().get("detail").asString()).contains("revoked");

		// re-enabled: the old token stays revoked, a token of the new version works even
		// before its state arrives
		assertThat(draft("item-rev-1", token("tina", 5, "TRANSLATOR")).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void aDemotedModeratorsApproveIs401WithinSeconds() {
		knownItem("item-rev-2");
		String moderator = token("mona", 1, "MODERATOR");
		publish(new AccountState("mona", true, List.of("MODERATOR"), 1, 1));
		assertThat(draft("item-rev-2", moderator).getStatusCode().value()).isEqualTo(200);

		publish(new AccountState("mona", true, List.of("TRANSLATOR"), 2, 2));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> approve("item-rev-2", moderator).getStatusCode().value() == 401);
		assertThat(draft("item-rev-2", token("mona", 2, "TRANSLATOR")).getStatusCode().value()).isEqualTo(200);
		assertThat(approve("item-rev-2", token("mona", 2, "TRANSLATOR")).getStatusCode().value()).isEqualTo(403);
	}

	private void publish(AccountState state) {
		kafka.send(CloudEvents.record(EventType.ACCOUNT_STATE, state.username(), state, "/test")).join();
	}

	private void knownItem(String id) {
		var snapshot = new ContentSnapshot(id, ContentType.TRUTH, "Who here would survive longest on an island?", "en",
				"funny", null, 1, "all", List.of(), ContentStatus.APPROVED, null, null, null, null, null, null,
				Instant.now(), Instant.now(), 1);
		kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http().get()
				.uri("/api/v1/translations/" + id)
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value() == 200);
	}

	private ResponseEntity<JsonNode> draft(String id, String token) {
		return http().method(HttpMethod.PUT)
			.uri("/api/v1/translations/" + id + "/id")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + token)
			.body("{\"text\":\"Siapa di sini yang paling lama bertahan di pulau?\"}")
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> approve(String id, String token) {
		return http().post()
			.uri("/api/v1/translations/" + id + "/id/approve")
			.header("Authorization", "Bearer " + token)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private RestClient http() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	private static String token(String subject, long version, String... roles) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("test-cms")
				.subject(subject)
				.claim("roles", List.of(roles))
				.claim("ver", version)
				.issueTime(Date.from(Instant.now().minusSeconds(5)))
				.expirationTime(Date.from(Instant.now().plusSeconds(300)))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key").generate();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static HttpServer jwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				exchange.getResponseBody().write(jwks);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
