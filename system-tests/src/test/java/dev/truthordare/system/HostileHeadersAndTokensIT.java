package dev.truthordare.system;

import static dev.truthordare.system.Hostile.*;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * Who the caller claims to be: malformed client ids, idempotency keys, Accept and
 * Accept-Language headers; forged, unsigned, expired and re-signed tokens on every staff
 * endpoint, a moderator's real token on admin endpoints, and a forged token on the open
 * endpoints.
 */
class HostileHeadersAndTokensIT extends HostileInputSuite {

	@Override
	int minimumRequests() {
		return 180;
	}

	@Override
	void addHostileRequests(List<Hostile> table) throws Exception {
		headers(table);
		tokens(table);
	}

	private void headers(List<Hostile> table) {
		String validRating = "{\"content_id\": \"" + ITEM + "\", \"rating\": 5}";
		String validReport = "{\"content_id\": \"" + ITEM + "\", \"reason_code\": \"UNSAFE\"}";
		String validSubmission = "{\"type\": \"truth\", \"content\": \"What is a submission nobody should accept, "
				+ UUID.randomUUID() + "?\", \"category\": \"deep\"}";
		List<String> badClientIds = List.of("", " ", "c".repeat(65), "{\"$ne\":null}", "../../admin", "a b", "<script>",
				"phone;drop", "phone,other", "*");
		for (String[] endpoint : new String[][] { { "POST", "/api/v1/ratings", validRating },
				{ "POST", "/api/v1/reports", validReport }, { "POST", "/api/v1/submissions", validSubmission },
				{ "DELETE", "/api/v1/ratings/" + ITEM, null } }) {
			for (String clientId : badClientIds) {
				table
					.add(request("header X-Client-Id", endpoint[0], endpoint[1], endpoint[2], "X-Client-Id", clientId));
			}
			table.add(request("header no X-Client-Id", endpoint[0], endpoint[1], endpoint[2]));
		}
		for (String key : List.of("k".repeat(256), "key with spaces", "")) {
			table.add(request("header Idempotency-Key", "POST", "/api/v1/ratings", validRating, "X-Client-Id", CLIENT,
					"Idempotency-Key", key));
		}
		for (String accept : List.of("application/xml", "text/html", "image/png")) {
			table.add(request("header Accept", "GET", "/api/v1/truths/no-such-truth", null, "Accept", accept));
			table.add(request("header Accept", "GET", "/api/v1/truths/random?category=nope", null, "Accept", accept));
			table.add(request("header Accept", "POST", "/api/v1/ratings", "{\"rating\": 9}", "X-Client-Id", CLIENT,
					"Accept", accept));
		}
		for (String language : List.of("{\"$gt\":\"\"}", "*;q=NaN", "id;q=1e309", "../../etc/passwd")) {
			table.add(request("header Accept-Language", "GET", "/api/v1/truths/random?category=%24where", null,
					"Accept-Language", language));
		}
	}

	private void tokens(List<Hostile> table) throws Exception {
		JsonNode jwks = gateway.get("/api/v1/cms/auth/jwks.json").json();
		JsonNode key = jwks.get("keys").get(0);
		String kid = key.path("kid").asString();
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair mine = generator.generateKeyPair();
		long now = Instant.now().getEpochSecond();
		String adminClaims = "{\"iss\":\"truth-or-dare-cms\",\"sub\":\"admin\",\"roles\":[\"ADMIN\",\"MODERATOR\","
				+ "\"TRANSLATOR\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}";
		String expiredClaims = "{\"iss\":\"truth-or-dare-cms\",\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"iat\":"
				+ (now - 7200) + ",\"exp\":" + (now - 3600) + "}";
		String[] real = adminToken.split("\\.");
		RSAPublicKey myPublic = (RSAPublicKey) mine.getPublic();
		String myJwk = "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\""
				+ b64(unsigned(myPublic.getModulus().toByteArray())) + "\",\"e\":\""
				+ b64(unsigned(myPublic.getPublicExponent().toByteArray())) + "\"}";

		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("alg none", unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", adminClaims, ""));
		tokens.put("alg None", unsigned("{\"alg\":\"None\"}", adminClaims, ""));
		tokens.put("alg NONE with kid", unsigned("{\"alg\":\"NONE\",\"kid\":\"" + kid + "\"}", adminClaims, ""));
		tokens.put("alg none with junk signature", unsigned("{\"alg\":\"none\"}", adminClaims, "AAAA"));
		tokens.put("RS256 signed by a foreign key with the real kid",
				rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", adminClaims, mine));
		tokens.put("RS256 signed by a foreign key without kid", rs256("{\"alg\":\"RS256\"}", adminClaims, mine));
		tokens.put("RS256 with the foreign key embedded as jwk",
				rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jwk\":" + myJwk + "}", adminClaims, mine));
		tokens.put("RS256 with a foreign jku",
				rs256("{\"alg\":\"RS256\",\"kid\":\"hostile\"," + "\"jku\":\"http://127.0.0.1:9/jwks.json\"}",
						adminClaims, mine));
		tokens.put("HS256 keyed with the published public key",
				hs256("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", adminClaims, utf8(key.toString())));
		tokens.put("HS256 keyed with 'secret'", hs256("{\"alg\":\"HS256\"}", adminClaims, utf8("secret")));
		tokens.put("HS256 with path traversal kid",
				hs256("{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}", adminClaims, new byte[32]));
		tokens.put("expired, foreign key", rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", expiredClaims, mine));
		tokens.put("expired, unsigned", unsigned("{\"alg\":\"none\"}", expiredClaims, ""));
		tokens.put("real token with forged claims", real[0] + "."
				+ b64(utf8(adminClaims.replace("\"sub\":\"admin\"", "\"sub\":\"root\""))) + "." + real[2]);
		tokens.put("real token with its expiry moved back", real[0] + "." + b64(utf8(expiredClaims)) + "." + real[2]);
		tokens.put("real token without signature", real[0] + "." + real[1] + ".");
		tokens.put("real token switched to alg none", b64(utf8("{\"alg\":\"none\"}")) + "." + real[1] + ".");
		tokens.put("garbage", "not.a.jwt");
		tokens.put("one segment", "eyJhbGciOiJub25lIn0");
		tokens.put("operator in token", "{\"$ne\":null}".replace("\"", ""));

		List<String[]> endpoints = List.of(new String[] { "GET", "/api/v1/cms/queue", null },
				new String[] { "GET", "/api/v1/cms/accounts", null },
				new String[] { "GET", "/api/v1/cms/content/" + pendingId + "/history", null },
				new String[] { "POST", "/api/v1/cms/content", "{}" },
				new String[] { "POST", "/api/v1/cms/import", "{}" },
				new String[] { "PUT", "/api/v1/translations/" + ITEM + "/id", "{}" },
				new String[] { "POST", "/api/v1/translations/" + ITEM + "/id/approve", null });
		for (String[] endpoint : endpoints) {
			tokens.forEach((family,
					token) -> table.add(new Hostile("token " + family, endpoint[0], endpoint[1],
							headerLines(new String[] { "Authorization", "Bearer " + token }, "Content-Type",
									"application/json"),
							endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 401, null)));
			table.add(new Hostile("token Basic credentials", endpoint[0], endpoint[1],
					headerLines(
							new String[] { "Authorization",
									"Basic " + Base64.getEncoder()
										.encodeToString(utf8("admin:" + SharedSystem.ADMIN_PASSWORD)) },
							"Content-Type", "application/json"),
					endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 401, null));
		}
		// a real, valid token of a moderator on what only admins may do: 403
		for (String[] endpoint : List.of(new String[] { "GET", "/api/v1/cms/accounts", null },
				new String[] { "POST", "/api/v1/cms/import", "{}" },
				new String[] { "POST", "/api/v1/cms/accounts", "{}" },
				// were the role check broken, this body (wrongly typed) would still
				// change nothing
				new String[] { "PATCH", "/api/v1/cms/accounts/admin", "{\"enabled\": \"no\"}" })) {
			table.add(new Hostile("token moderator on admin endpoint", endpoint[0], endpoint[1],
					headerLines(bearer(moderatorToken), "Content-Type", "application/json"),
					endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 403, null));
		}
		// players' endpoints are open, but a forged token presented there is still
		// rejected, not ignored
		for (String target : List.of("/api/v1/truths/random", "/api/v1/stats", "/api/v1/languages")) {
			table.add(request("token forged on a public endpoint", "GET", target, null, "Authorization",
					"Bearer " + tokens.get("alg none")));
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// Tokens

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] unsigned(byte[] twosComplement) {
		return twosComplement.length > 1 && twosComplement[0] == 0
				? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
	}

	private static String unsigned(String header, String claims, String signature) {
		return b64(utf8(header)) + "." + b64(utf8(claims)) + "." + signature;
	}

	private static String rs256(String header, String claims, KeyPair key) throws Exception {
		String signingInput = b64(utf8(header)) + "." + b64(utf8(claims));
		Signature rsa = Signature.getInstance("SHA256withRSA");
		rsa.initSign(key.getPrivate());
		rsa.update(utf8(signingInput));
		return signingInput + "." + b64(rsa.sign());
	}

	private static String hs256(String header, String claims, byte[] secret) throws Exception {
		String signingInput = b64(utf8(header)) + "." + b64(utf8(claims));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
		return signingInput + "." + b64(mac.doFinal(utf8(signingInput)));
	}

}
