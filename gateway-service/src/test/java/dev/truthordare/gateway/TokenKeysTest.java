package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Made-up key ids must not turn every request into a fetch of CMS's key set.
 */
class TokenKeysTest {

	private static final String JWKS = "/api/v1/cms/auth/jwks.json";

	private RSAKey published;

	private ScriptedUpstream upstream;

	private GatewayInstance gateway;

	@BeforeEach
	void start() throws Exception {
		published = new RSAKeyGenerator(2048).keyID("cms-key-1").generate();
		String keySet = new JWKSet(published.toPublicJWK()).toString();
		upstream = new ScriptedUpstream(path -> new ScriptedUpstream.Answer(200, JWKS.equals(path) ? keySet : "[]"));
		gateway = new GatewayInstance(upstream.url(), 1,
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + upstream.url() + JWKS);
	}

	@AfterEach
	void stop() {
		gateway.close();
		upstream.close();
	}

	private static String token(RSAKey key) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("truth-or-dare-cms")
			.subject("mod-1")
			.claim("roles", List.of("MODERATOR"))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@Test
	void fiftyTokensWithUnknownKeyIdsCostAtMostTwoFetchesAndAKnownKeyStillWorks() throws Exception {
		String valid = token(published);
		assertThat(gateway.send("GET", "/api/v1/cms/queue", "Authorization", "Bearer " + valid).statusCode())
			.isEqualTo(200);

		RSAKey attackers = new RSAKeyGenerator(2048).generate();
		for (int i = 0; i < 50; i++) {
			String forged = token(new RSAKey.Builder(attackers).keyID("made-up-" + i).build());
			assertThat(gateway.send("GET", "/api/v1/cms/queue", "Authorization", "Bearer " + forged).statusCode())
				.isEqualTo(401);
		}

		assertThat(upstream.calls(JWKS)).isBetween(1, 2);
		assertThat(gateway.send("GET", "/api/v1/cms/queue", "Authorization", "Bearer " + valid).statusCode())
			.isEqualTo(200);
	}

}
