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
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.EventType;
import dev.truthordare.events.Topics;
import dev.truthordare.events.TranslationChanged;
import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.web.testing.RestartableMongo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The translator workflow with CMS-style tokens: a test RSA key published as a JWK set by
 * a tiny HTTP server, exactly as cms-service publishes its own, so the real
 * resource-server path (JWK set, signature, issuer, roles) is exercised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "translation.security.issuer=test-cms" })
@EmbeddedKafka(
		partitions = 1, topics = { Topics.CMS_CONTENT, Topics.CMS_MODERATION, Topics.RATINGS_SUMMARY,
				Topics.RATINGS_REPORTS, Topics.TRANSLATIONS, Topics.CMS_ACCOUNTS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class TranslationWorkflowTest {

	private static final RestartableMongo MONGO = new RestartableMongo();

	private static final String MONGO_ADDRESS = MONGO.uri("translations");

	private static final RSAKey KEY = generateKey("test-key");

	private static final RSAKey FOREIGN_KEY = generateKey("test-key");

	private static final HttpServer JWKS = jwksServer();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MONGO_ADDRESS);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://localhost:" + JWKS.getAddress().getPort() + "/jwks.json");
	}

	@AfterAll
	static void stop() {
		MONGO.stop();
		JWKS.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, Object> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	private static RSAKey generateKey(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
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

	private static String token(String issuer, List<String> roles, Instant expires, RSAKey key) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
				.subject("alice")
				.claim("roles", roles)
				.issueTime(Date.from(Instant.now().minusSeconds(5)))
				.expirationTime(Date.from(expires))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String token(String... roles) {
		return token("test-cms", List.of(roles), Instant.now().plusSeconds(600), KEY);
	}

	/**
	 * With the JDK's client: Apache's, the default, retries a 503 after its Retry-After
	 * by itself.
	 */
	private RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	private ResponseEntity<JsonNode> get(String path) {
		return http().get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> put(String path, String token, String json) {
		var request = http().method(HttpMethod.PUT).uri(path).contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.body(json).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> draft(String id, String lang, String text) {
		return put("/api/v1/translations/" + id + "/" + lang, token("TRANSLATOR"), "{\"text\":\"" + text + "\"}");
	}

	private ResponseEntity<JsonNode> approve(String id, String lang, String token) {
		var request = http().post().uri("/api/v1/translations/" + id + "/" + lang + "/approve");
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	private void publishSource(String id, String text, long version, Instant createdAt) {
		var snapshot = new ContentSnapshot(id, ContentType.TRUTH, text, "en", "funny", null, 1, "all", List.of(),
				ContentStatus.APPROVED, null, null, null, null, null, null, createdAt, Instant.now(), version);
		kafka.send(CloudEvents.record(EventType.CONTENT_SNAPSHOT, id, snapshot, "/test")).join();
	}

	private void knownItem(String id, String text, Instant createdAt) {
		publishSource(id, text, 1, createdAt);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/v1/translations/" + id).getStatusCode().value() == 200);
	}

	private String stateOf(String id, String lang) {
		for (JsonNode state : get("/api/v1/translations/" + id).getBody().get("translations")) {
			if (state.get("lang").asString().equals(lang)) {
				return state.get("status").asString();
			}
		}
		throw new AssertionError("no " + lang + " state for " + id);
	}

	private List<TranslationChanged> changesOf(String key, Predicate<List<TranslationChanged>> until) {
		List<TranslationChanged> changes = new CopyOnWriteArrayList<>();
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
			consumer.subscribe(List.of(Topics.TRANSLATIONS));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (record.key().equals(key)) {
						changes.add((TranslationChanged) record.value());
					}
				});
				return until.test(changes);
			});
		}
		return changes;
	}

	private static void assertProblem(ResponseEntity<JsonNode> answer, int status, String detailContains) {
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("detail").asString()).contains(detailContains);
	}

	@Test
	void writesNeedACmsTokenWithTheRightRoleWhileReadsStayPublic() {
		knownItem("item-auth", "Who in this room tells the best stories?", Instant.now());
		String body = "{\"text\":\"Siapa di ruangan ini yang paling jago bercerita?\"}";

		ResponseEntity<JsonNode> anonymous = put("/api/v1/translations/item-auth/id", null, body);
		assertProblem(anonymous, 401, "bearer token is required");
		assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
		for (String rejected : List.of(
				token("another-issuer", List.of("TRANSLATOR"), Instant.now().plusSeconds(600), KEY),
				token("test-cms", List.of("TRANSLATOR"), Instant.now().minusSeconds(600), KEY),
				token("test-cms", List.of("TRANSLATOR"), Instant.now().plusSeconds(600), FOREIGN_KEY), "not-a-jwt")) {
			ResponseEntity<JsonNode> answer = put("/api/v1/translations/item-auth/id", rejected, body);
			assertProblem(answer, 401, "rejected");
			assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
		}
		ResponseEntity<JsonNode> noRole = put("/api/v1/translations/item-auth/id", token("PLAYER"), body);
		assertProblem(noRole, 403, "TRANSLATOR or MODERATOR");
		assertThat(noRole.getHeaders().getFirst("WWW-Authenticate")).contains("insufficient_scope");

		assertThat(put("/api/v1/translations/item-auth/id", token("TRANSLATOR"), body).getStatusCode().value())
			.isEqualTo(200);
		assertProblem(approve("item-auth", "id", null), 401, "bearer token");
		assertProblem(approve("item-auth", "id", token("TRANSLATOR")), 403, "MODERATOR");
		assertThat(approve("item-auth", "id", token("MODERATOR")).getStatusCode().value()).isEqualTo(200);
		assertThat(put("/api/v1/translations/item-auth/es", token("MODERATOR"),
				"{\"text\":\"¿Quién de aquí cuenta las mejores historias?\"}")
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(get("/api/v1/translations/item-auth?lang=id").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void draftsAreValidated() {
		knownItem("item-valid", "What song do you secretly know all the words to?", Instant.now());
		String ok = "Lagu apa yang diam-diam kamu hafal semua liriknya?";

		assertProblem(draft("item-valid", "xx", ok), 400, "Unsupported language 'xx'");
		assertProblem(draft("item-valid", "en", ok), 400, "source language");
		assertProblem(draft("item-valid", "id", "Terlalu"), 400, "10–500");
		assertProblem(draft("item-valid", "id", "a".repeat(501)), 400, "10–500");
		assertProblem(draft("item-valid", "id", "Lagu apa\\u0007 yang kamu hafal?"), 400, "control");
		assertProblem(draft("never-published", "id", ok), 404, "never-published");
		assertProblem(put("/api/v1/translations/item-valid/id", token("TRANSLATOR"),
				"{\"text\":\"" + ok + "\",\"status\":\"APPROVED\"}"), 400, "Unknown field 'status'");
		assertProblem(put("/api/v1/translations/item-valid/id", token("TRANSLATOR"), "{\"text\": 42}"), 400, "text");
		assertProblem(put("/api/v1/translations/item-valid/id", token("TRANSLATOR"), "{\"text\":"), 400, "JSON");
		assertProblem(approve("item-valid", "id", token("MODERATOR")), 409, "no id draft");
		assertThat(stateOf("item-valid", "id")).isEqualTo("MISSING");

		// NFC: "e" + combining acute is stored as the single character "é"
		ResponseEntity<JsonNode> decomposed = draft("item-valid", "fr",
				"Quelle chanson connais-tu par cœur en secre\\u0301t ?");
		assertThat(decomposed.getStatusCode().value()).isEqualTo(200);
		assertThat(decomposed.getBody().get("draft").asString()).endsWith("secrét ?");
		assertThat(decomposed.getBody().get("status").asString()).isEqualTo("DRAFT");
	}

	@Test
	void draftsPassTheWordFilterOfTheirLanguage() {
		knownItem("item-filter", "What song do you secretly know all the words to?", Instant.now());

		for (String[] refused : new String[][] { { "id", "Dasar k0nt0l, jawab pertanyaan ini" },
				{ "id", "Lagu sh\\u0456t apa yang kamu hafal?" }, { "id", "Lagu apa yang kamu s h i t hafal?" },
				{ "de", "Welches Lied, Schei\\u00dfe, kennst du?" }, { "de", "Welches Lied, SCHEISSE, kennst du?" },
				{ "es", "\\u00bfQu\\u00e9 canci\\u00f3n de mierdas conoces?" },
				{ "fr", "Quelle chanson de m\\u0435rde connais-tu ?" }, { "hi", "कौन-सा गाना, चूतिया?" },
				{ "hi", "Kaun sa gaana yaad hai, CHUTIYA?" }, { "tl", "Anong kanta ang kabisado mo, gago?" },
				{ "bn", "কোন গানটা, বোকাচোদা?" } }) {
			ResponseEntity<JsonNode> answer = draft("item-filter", refused[0], refused[1]);
			assertProblem(answer, 422, "rule: banned_words");
			assertThat(answer.getBody().get("rule").asString()).isEqualTo("banned_words");
		}
		ResponseEntity<JsonNode> reversed = draft("item-filter", "id", "Lagu apa \\u202etnok yang kamu hafal?");
		assertProblem(reversed, 422, "rule: bidi_controls");
		assertThat(stateOf("item-filter", "id")).isEqualTo("MISSING");

		assertThat(draft("item-filter", "id", "Lagu apa yang kamu hafal di Scunthorpe?").getStatusCode().value())
			.isEqualTo(200);
		assertThat(draft("item-filter", "id", "Kata mierda bukan bahasa Indonesia, kan?").getStatusCode().value())
			.as("a word on another language's list only")
			.isEqualTo(200);
		// whole words only: "sister" is no match for a banned compound that begins with
		// it
		assertThat(draft("item-filter", "hi", "मेरी बहन कौन-सा गाना हमेशा गाती है?").getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void aDraftIsServedOnlyOnceAModeratorApprovesItAndTheApprovalIsPublished() {
		knownItem("item-flow", "What is the best gift you have ever received?", Instant.now());
		assertThat(stateOf("item-flow", "de")).isEqualTo("MISSING");
		assertThat(get("/api/v1/translations/missing?lang=de&size=100").getBody()
			.get("items")
			.findValuesAsString("content_id")).contains("item-flow");

		ResponseEntity<JsonNode> saved = draft("item-flow", "de",
				"Was ist das schönste Geschenk, das du je bekommen hast?");
		assertThat(saved.getBody().get("status").asString()).isEqualTo("DRAFT");
		assertThat(get("/api/v1/translations/item-flow?lang=de").getStatusCode().value()).isEqualTo(404);

		ResponseEntity<JsonNode> approved = approve("item-flow", "de", token("MODERATOR"));
		assertThat(approved.getBody().get("status").asString()).isEqualTo("APPROVED");
		assertThat(get("/api/v1/translations/item-flow?lang=de").getBody().get("text").asString())
			.isEqualTo("Was ist das schönste Geschenk, das du je bekommen hast?");
		assertThat(get("/api/v1/translations/missing?lang=de&size=100").getBody()
			.get("items")
			.findValuesAsString("content_id")).doesNotContain("item-flow");
		assertThat(get("/api/v1/translations/missing?lang=pt&size=100").getBody()
			.get("items")
			.findValuesAsString("content_id")).contains("item-flow");

		List<TranslationChanged> changes = changesOf("item-flow:de", list -> !list.isEmpty());
		assertThat(changes.getFirst().approved()).isTrue();
		assertThat(changes.getFirst().text()).startsWith("Was ist");
		assertThat(changes.getFirst().sourceVersion()).isEqualTo(1);

		// a new draft over an approved translation leaves the approved text served until
		// it is approved in turn
		draft("item-flow", "de", "Was war das tollste Geschenk, das du je bekommen hast?");
		assertThat(get("/api/v1/translations/item-flow?lang=de").getBody().get("text").asString())
			.startsWith("Was ist");
		approve("item-flow", "de", token("MODERATOR"));
		assertThat(get("/api/v1/translations/item-flow?lang=de").getBody().get("text").asString())
			.startsWith("Was war");
	}

	@Test
	void anEditedSourceOutdatesItsTranslationsUntilTheyAreApprovedAgain() {
		knownItem("item-edit", "What is a habit you are proud of?", Instant.now());
		draft("item-edit", "id", "Kebiasaan apa yang kamu banggakan?");
		approve("item-edit", "id", token("MODERATOR"));
		draft("item-edit", "es", "¿De qué hábito te sientes orgulloso?");
		approve("item-edit", "es", token("MODERATOR"));
		long coveredBefore = translatedCount("id");

		publishSource("item-edit", "What is a habit you are proud of?", 2, Instant.now()); // status-only
																							// change
		publishSource("item-edit", "What is a small habit you are quietly proud of?", 3, Instant.now());

		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/v1/translations/item-edit?lang=id").getStatusCode().value() == 404);
		assertThat(stateOf("item-edit", "id")).isEqualTo("OUTDATED");
		assertThat(stateOf("item-edit", "es")).isEqualTo("OUTDATED");
		assertThat(get("/api/v1/translations/item-edit?lang=es").getStatusCode().value()).isEqualTo(404);
		assertThat(translatedCount("id")).isEqualTo(coveredBefore - 1);
		JsonNode queued = get("/api/v1/translations/missing?lang=id&size=100").getBody().get("items");
		assertThat(queued.findValuesAsString("content_id")).contains("item-edit");
		List<TranslationChanged> withdrawals = changesOf("item-edit:id",
				list -> list.stream().anyMatch(c -> !c.approved()));
		assertThat(withdrawals.getLast().approved()).isFalse();
		assertThat(withdrawals.getLast().text()).isNull();
		assertThat(withdrawals.getLast().sourceVersion()).isEqualTo(3);

		// the moderator judges the Indonesian text still right: re-approving serves it
		// again
		ResponseEntity<JsonNode> reapproved = approve("item-edit", "id", token("MODERATOR"));
		assertThat(reapproved.getBody().get("status").asString()).isEqualTo("APPROVED");
		assertThat(reapproved.getBody().get("source_version").asLong()).isEqualTo(3);
		assertThat(get("/api/v1/translations/item-edit?lang=id").getBody().get("text").asString())
			.isEqualTo("Kebiasaan apa yang kamu banggakan?");
		assertThat(translatedCount("id")).isEqualTo(coveredBefore);
		// Spanish gets a new draft that follows the new text
		draft("item-edit", "es", "¿De qué pequeño hábito te sientes orgulloso en secreto?");
		assertThat(stateOf("item-edit", "es")).isEqualTo("DRAFT");
		approve("item-edit", "es", token("MODERATOR"));
		assertThat(get("/api/v1/translations/item-edit?lang=es").getBody().get("text").asString())
			.contains("pequeño hábito");
	}

	@Test
	void theWorkQueueListsMissingAndOutdatedFirstThenDraftsOldestFirst() {
		knownItem("queue-draft", "What is the oldest thing you own?", Instant.parse("2019-01-01T00:00:00Z"));
		knownItem("queue-old", "What smell reminds you of home?", Instant.parse("2020-01-01T00:00:00Z"));
		knownItem("queue-new", "What would you do with a free day?", Instant.parse("2024-01-01T00:00:00Z"));
		knownItem("queue-done", "Which film do you quote the most?", Instant.parse("2018-01-01T00:00:00Z"));
		draft("queue-draft", "fr", "Quel est l'objet le plus ancien que tu possèdes ?");
		draft("queue-done", "fr", "Quel film cites-tu le plus souvent ?");
		approve("queue-done", "fr", token("MODERATOR"));

		JsonNode queue = get("/api/v1/translations/missing?lang=fr&size=100").getBody();
		List<String> ids = queue.get("items").findValuesAsString("content_id");

		assertThat(ids).doesNotContain("queue-done");
		assertThat(ids.indexOf("queue-old")).isLessThan(ids.indexOf("queue-new"));
		assertThat(ids.indexOf("queue-new")).isLessThan(ids.indexOf("queue-draft"));
		assertThat(ids.getLast()).isEqualTo("queue-draft");
		JsonNode old = queue.get("items").get(ids.indexOf("queue-old"));
		assertThat(old.get("status").asString()).isEqualTo("MISSING");
		assertThat(old.get("source_text").asString()).isEqualTo("What smell reminds you of home?");
		assertThat(queue.get("total_items").asLong()).isEqualTo(ids.size());

		JsonNode firstPage = get("/api/v1/translations/missing?lang=fr&page=0&size=1").getBody();
		assertThat(firstPage.get("items")).hasSize(1);
		assertThat(firstPage.get("total_pages").asLong()).isEqualTo(ids.size());
		assertThat(get("/api/v1/translations/missing?lang=fr&page=" + (ids.size() - 1) + "&size=1").getBody()
			.get("items")
			.get(0)
			.get("content_id")
			.asString()).isEqualTo("queue-draft");
		for (String bad : List.of("lang=xx", "lang=en", "lang=fr&size=0", "lang=fr&size=101", "lang=fr&page=-1", "")) {
			ResponseEntity<JsonNode> answer = get("/api/v1/translations/missing?" + bad);
			assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).as(bad).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private long translatedCount(String lang) {
		for (JsonNode language : get("/api/v1/languages").getBody().get("languages")) {
			if (language.get("code").asString().equals(lang)) {
				return language.get("translated").asLong();
			}
		}
		throw new AssertionError("no language " + lang);
	}

	@Test
	void publishesItsOpenApiDocumentWithoutAToken() {
		ResponseEntity<JsonNode> answer = get("/v3/api-docs");

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode document = answer.getBody();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("info").get("title").asString()).isEqualTo("translation-service");
		assertThat(document.get("servers")).hasSize(1);
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		JsonNode paths = document.get("paths");
		assertThat(paths.propertyNames()).contains("/api/v1/translations/{contentId}",
				"/api/v1/translations/{contentId}/{lang}", "/api/v1/translations/{contentId}/{lang}/approve",
				"/api/v1/languages");
		JsonNode bearer = document.get("components").get("securitySchemes").get("bearer-jwt");
		assertThat(bearer.get("type").asString()).isEqualTo("http");
		assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
		// the writes need a CMS token, the reads do not
		assertThat(paths.get("/api/v1/translations/{contentId}/{lang}").get("put").get("security").toString())
			.contains("bearer-jwt");
		assertThat(paths.get("/api/v1/translations/{contentId}/{lang}/approve").get("post").has("security")).isTrue();
		assertThat(paths.get("/api/v1/translations/{contentId}").get("get").has("security")).isFalse();
		assertThat(paths.get("/api/v1/languages").get("get").has("security")).isFalse();
	}

	@Test
	void aDraftsTextMustBeAJsonStringNotANumberOrABoolean() {
		knownItem("item-typed", "Which number do you consider lucky, and why?", Instant.now());

		assertProblem(put("/api/v1/translations/item-typed/id", token("TRANSLATOR"), "{\"text\": 1234567890123456}"),
				400, "Field 'text'");
		assertProblem(put("/api/v1/translations/item-typed/id", token("TRANSLATOR"), "{\"text\": true}"), 400,
				"Field 'text'");

		assertThat(stateOf("item-typed", "id")).isEqualTo("MISSING");
	}

	@Test
	void aQueryStringThatIsNotUtf8IsA400ProblemNotA500() {
		for (String path : List.of("/api/v1/translations/missing?lang=id%FF%FE",
				"/api/v1/translations/truth-001?lang=%C0%AE")) {
			ResponseEntity<JsonNode> answer = http().get()
				.uri(java.net.URI.create("http://localhost:" + port + path))
				.retrieve()
				.toEntity(JsonNode.class);
			assertProblem(answer, 400, "UTF-8");
		}
	}

	@Test
	void aDraftIsA503WhileTheStoreIsDownAndWorksAgainOnceItIsBackWithoutARestart() {
		knownItem("item-outage", "Who would you call first with big news?", Instant.now());
		String text = "Siapa yang akan kamu telepon pertama dengan kabar besar?";

		MONGO.stop();
		try {
			publishSource("item-outage-later", "What song do you know every word of?", 1, Instant.now());
			long started = System.nanoTime();
			ResponseEntity<JsonNode> refused = draft("item-outage", "id", text);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertProblem(refused, 503, "data store is unavailable");
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
			assertThat(refused.getBody().toString()).doesNotContain("localhost", "Exception");
			assertThat(get("/api/v1/translations/item-outage").getStatusCode().value()).isEqualTo(503);
			assertThat(get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
			assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(503);
		}
		finally {
			MONGO.start();
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(get("/api/v1/translations/item-outage").getStatusCode().value()).isEqualTo(200));
		assertThat(stateOf("item-outage", "id")).as("nothing was saved while the store was down").isNotEqualTo("DRAFT");
		assertThat(draft("item-outage", "id", text).getStatusCode().value()).isEqualTo(200);
		assertThat(stateOf("item-outage", "id")).isEqualTo("DRAFT");
		assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/api/v1/translations/item-outage-later").getStatusCode().value())
				.as("approved while the store was down")
				.isEqualTo(200));
	}

}
