package dev.truthordare.gateway;

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
import dev.truthordare.events.AccountState;
import dev.truthordare.events.EventType;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventSerializer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The edge refuses staff tokens CMS has revoked since they were issued, within seconds of
 * the account state reaching {@code cms.accounts.v1} (published here by the test, as CMS
 * does).
 */
class TokenRevocationTest {

	private static final RSAKey KEY = key();

	private static EmbeddedKafkaKraftBroker kafka;

	private static HttpServer jwks;

	private static UpstreamStub upstream;

	private static GatewayInstance gateway;

	private static KafkaProducer<String, Object> producer;

	@BeforeAll
	static void start() throws Exception {
		kafka = new EmbeddedKafkaKraftBroker(1, 1, Topics.CMS_ACCOUNTS);
		kafka.afterPropertiesSet();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
				new StringSerializer(), new EventSerializer());
		jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		jwks.createContext("/jwks.json", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keys.length);
			exchange.getResponseBody().write(keys);
			exchange.close();
		});
		jwks.start();
		upstream = new UpstreamStub();
		gateway = new GatewayInstance(upstream.url(), closedPort(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort()
						+ "/jwks.json",
				"gateway.token-issuer=test-cms", "gateway.revocation.bootstrap-servers=" + kafka.getBrokersAsString());
	}

	@AfterAll
	static void stop() {
		gateway.close();
		upstream.close();
		jwks.stop(0);
		producer.close();
		kafka.destroy();
	}

	@Test
	void aDisabledTranslatorsNextWriteIs401AtTheEdgeWithinSeconds() throws Exception {
		String token = token("tina", 1, "TRANSLATOR");
		publish(new AccountState("tina", true, List.of("TRANSLATOR"), 1, 1));
		assertThat(write(token).statusCode()).isEqualTo(200);

		publish(new AccountState("tina", false, List.of("TRANSLATOR"), 2, 2));

		await().atMost(Duration.ofSeconds(5)).until(() -> write(token).statusCode() == 401);
		HttpResponse<String> refused = write(token);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
		assertThat(refused.body()).contains("revoked").doesNotContain("tina");
		// players' calls never carry a staff token and are not affected
		assertThat(gateway.send("GET", "/api/v1/truths/random").statusCode()).isEqualTo(200);
	}

	@Test
	void aDemotedModeratorsApproveIs401AtTheEdgeWithinSeconds() throws Exception {
		String token = token("mona", 1, "MODERATOR");
		publish(new AccountState("mona", true, List.of("MODERATOR"), 1, 1));
		assertThat(approve(token).statusCode()).isEqualTo(200);

		publish(new AccountState("mona", true, List.of("TRANSLATOR"), 2, 2));

		await().atMost(Duration.ofSeconds(5)).until(() -> approve(token).statusCode() == 401);
		assertThat(approve(token("mona", 2, "TRANSLATOR")).statusCode()).isEqualTo(403);
	}

	private static HttpResponse<String> write(String token) throws Exception {
		return gateway.send("PUT", "/api/v1/translations/truth-001/id", "Authorization", "Bearer " + token);
	}

	private static HttpResponse<String> approve(String token) throws Exception {
		return gateway.send("POST", "/api/v1/cms/content/truth-001/approve", "Authorization", "Bearer " + token);
	}

	private static void publish(AccountState state) throws Exception {
		producer.send(CloudEvents.record(EventType.ACCOUNT_STATE, state.username(), state, "/test")).get();
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

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID("edge-test-key").generate();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * No Redis there: the rate limits fail open at once, which is all this test needs.
	 */
	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
