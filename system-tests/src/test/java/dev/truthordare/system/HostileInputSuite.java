package dev.truthordare.system;

import static dev.truthordare.system.Hostile.abbreviate;
import static dev.truthordare.system.Hostile.bearer;
import static dev.truthordare.system.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input through the gateway, generated as a table per subject (one subclass
 * each): malformed, truncated and oversized bodies, wrong types, NoSQL operators,
 * invisible and right-to-left characters, path tricks, broken HTTP framing and forged
 * tokens, against every public and CMS endpoint. Every one must be refused with a 4xx
 * {@code application/problem+json} whose {@code status} is the HTTP status (429 counts:
 * rate limiting is a refusal too), and none may change any data a player or moderator can
 * see.
 *
 * <p>
 * Each subclass records that data after its own setup and compares it after its own
 * requests. Failsafe runs the test classes one after another, so nothing else writes in
 * between and a change is charged to the subject that made it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HostileInputSuite {

	static final String CLIENT = "hostile-suite-phone";
	static final String ITEM = "truth-001";

	/** Items whose ratings the snapshot records; the hostile ratings aim at the first. */
	private static final List<String> RATED = List.of(ITEM, "truth-002", "dare-001", "dare-002");

	SharedSystem system;

	Client gateway;

	private RawHttp socket;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final AtomicInteger sent = new AtomicInteger();

	private final Map<String, Integer> statuses = new TreeMap<>();

	String adminToken;

	String moderatorToken;

	String pendingId;

	String account;

	String gameId;

	private Map<String, String> before;

	/** Adds this subject's hostile requests; the fields above are set by then. */
	abstract void addHostileRequests(List<Hostile> table) throws Exception;

	/**
	 * The table has at least this many requests: a generator that silently produced none
	 * fails.
	 */
	abstract int minimumRequests();

	@BeforeAll
	void theSystemIsUpAndItsDataIsRecorded() {
		system = SharedSystem.get();
		gateway = system.gateway;
		socket = new RawHttp(system.launcher.gatewayUrl());
		system.awaitSeedCatalogue();
		adminToken = system.adminToken();

		// legitimate setup: an item waiting for moderation, a moderator account and a
		// game to aim at
		Client.Answer created = gateway.post(
				"/api/v1/cms/content", "{\"type\":\"truth\",\"content\":\"Which hostile "
						+ "request would you send first, " + UUID.randomUUID() + "?\",\"category\":\"deep\"}",
				bearer(adminToken));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		pendingId = created.json().get("id").asString();
		account = "hostile-target-" + Long.toString(System.nanoTime() % 1_000_000);
		String password = "hostile-target-password-" + UUID.randomUUID();
		Client.Answer accountCreated = gateway.post("/api/v1/cms/accounts",
				"{\"username\":\"" + account + "\",\"password\":\"" + password + "\",\"roles\":[\"MODERATOR\"]}",
				bearer(adminToken));
		assertThat(accountCreated.status()).as(accountCreated.body()).isEqualTo(201);
		Client.Answer login = gateway.post("/api/v1/cms/auth/token",
				"{\"username\":\"" + account + "\",\"password\":\"" + password + "\"}");
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		moderatorToken = login.json().get("access_token").asString();
		Client.Answer game = gateway.post("/api/v1/games", "{\"players\": 4}");
		assertThat(game.status()).as(game.body()).isEqualTo(201);
		gameId = game.json().get("game_id").asString();

		before = stableSnapshot();
	}

	@AfterAll
	void reportWhatWasSent() {
		System.out.println(getClass().getSimpleName() + " sent " + sent.get() + " hostile requests; answers by status: "
				+ statuses);
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> everyHostileRequestIsRefusedWithA4xxProblemAndNeverA5xx() throws Exception {
		List<Hostile> table = new ArrayList<>();
		addHostileRequests(table);
		assertThat(table).hasSizeGreaterThanOrEqualTo(minimumRequests());
		return table.stream().map(hostile -> dynamicTest(hostile.name(), () -> assertRefused(hostile, send(hostile))));
	}

	@Test
	@Order(2)
	void hostileRequestsChangedNoDataAPlayerOrModeratorCanSee() {
		try {
			// a hostile write that got through may still be travelling over Kafka: the
			// data must stay as it was
			await().during(Duration.ofSeconds(10))
				.atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> snapshot().equals(before));
		}
		catch (ConditionTimeoutException e) {
			Map<String, String> after = snapshot();
			Map<String, String> changed = new TreeMap<>();
			before.forEach((key, value) -> {
				if (!value.equals(after.get(key))) {
					changed.put(key, value + "\n   now: " + after.get(key));
				}
			});
			after.keySet()
				.stream()
				.filter(key -> !before.containsKey(key))
				.forEach(key -> changed.put(key, "(new) " + after.get(key)));
			assertThat(changed).as("data changed by hostile requests").isEmpty();
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// The verdict

	private void assertRefused(Hostile hostile, RawHttp.Reply reply) {
		synchronized (statuses) {
			statuses.merge(String.valueOf(reply.status()), 1, Integer::sum);
		}
		String exchange = hostile.name() + "\n  answered " + reply.status() + " " + reply.header("content-type") + " "
				+ abbreviate(reply.body()) + "\n  ";
		SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(reply.status()).as("%sa 4xx status", exchange).isBetween(400, 499);
			if (hostile.expected() != 0 && reply.status() != 429) {
				softly.assertThat(reply.status()).as("%sthe status", exchange).isEqualTo(hostile.expected());
			}
			softly.assertThat(reply.header("content-type"))
				.as("%sthe Content-Type", exchange)
				.startsWith("application/problem+json");
			JsonNode problem = null;
			try {
				problem = Client.JSON.readTree(reply.body());
			}
			catch (RuntimeException notJson) {
				softly.fail("%sa JSON body", exchange);
			}
			if (problem != null) {
				softly.assertThat(problem.isObject()).as("%sa JSON object", exchange).isTrue();
				softly.assertThat(problem.path("status").asInt())
					.as("%sthe problem's status", exchange)
					.isEqualTo(reply.status());
			}
			softly.assertThat(reply.body()).as("%sno stack trace", exchange).doesNotContain("\tat ", "Exception");
			// CR/LF smuggled in a parameter or header never becomes a header of the
			// answer
			softly.assertThat(reply.header("x-injected")).as("%sno injected header", exchange).isNull();
			softly.assertThat(reply.header("set-cookie")).as("%sno injected cookie", exchange).isNull();
		});
	}

	/**
	 * Sends one hostile request; whichever way it went, the answer comes back in the same
	 * shape.
	 */
	private RawHttp.Reply send(Hostile hostile) throws IOException, InterruptedException {
		sent.incrementAndGet();
		if (hostile.via() == Hostile.Via.SOCKET) {
			return socket.send(hostile.raw() != null ? hostile.raw()
					: socket.request(hostile.method(), hostile.target(), hostile.headers(), hostile.body()));
		}
		HttpRequest.BodyPublisher body = hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
				: hostile.via() == Hostile.Via.CHUNKED
						? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()))
						: HttpRequest.BodyPublishers.ofByteArray(hostile.body());
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(system.launcher.gatewayUrl() + hostile.target()))
			.timeout(Duration.ofSeconds(30))
			.method(hostile.method(), body);
		for (String line : hostile.headers()) {
			int colon = line.indexOf(':');
			String value = line.substring(colon + 1);
			request.header(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException noAnswer) {
			throw new AssertionError("no HTTP answer to " + hostile.name() + ": " + noAnswer, noAnswer);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
		return new RawHttp.Reply(response.statusCode(), headers, response.body());
	}

	// ---------------------------------------------------------------------------------------------------------
	// What the subjects share

	/**
	 * A JSON endpoint: where it is, the headers it needs to get past the gate, and a body
	 * that is valid.
	 */
	record Endpoint(String method, String path, String[] headers) {
	}

	List<Endpoint> jsonEndpoints() {
		String[] client = { "X-Client-Id", CLIENT };
		return List.of(new Endpoint("POST", "/api/v1/ratings", client), new Endpoint("POST", "/api/v1/reports", client),
				new Endpoint("POST", "/api/v1/submissions", client),
				new Endpoint("POST", "/api/v1/games", new String[0]),
				new Endpoint("POST", "/api/v1/cms/auth/token", new String[0]),
				new Endpoint("POST", "/api/v1/cms/content", bearer(adminToken)),
				new Endpoint("PUT", "/api/v1/cms/content/" + pendingId, bearer(adminToken)),
				new Endpoint("POST", "/api/v1/cms/content/" + pendingId + "/reject", bearer(adminToken)),
				new Endpoint("POST", "/api/v1/cms/import", bearer(adminToken)),
				new Endpoint("POST", "/api/v1/cms/accounts", bearer(adminToken)),
				new Endpoint("PATCH", "/api/v1/cms/accounts/" + account, bearer(adminToken)),
				new Endpoint("PUT", "/api/v1/translations/" + ITEM + "/id", bearer(adminToken)));
	}

	Hostile get(String family, String target, boolean staff) {
		return request(family, "GET", target, null, staff ? bearer(adminToken) : new String[0]);
	}

	// ---------------------------------------------------------------------------------------------------------
	// The data before and after

	/**
	 * Waits until the snapshots stay the same for 10 s and translation-service counts as
	 * many approved items as content-service serves (seeding, translations, projections
	 * and the work other test classes started have settled, on every instance: the
	 * gateway alternates between them). Two equal snapshots in a row were not enough: a
	 * rating or translation of an earlier class could still land afterwards.
	 */
	private Map<String, String> stableSnapshot() {
		AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
		// a read that times out (a JVM still warming up on a busy machine) is not yet
		// stable
		await().atMost(Duration.ofMinutes(3))
			.ignoreException(IllegalStateException.class)
			.during(Duration.ofSeconds(10))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> {
				Map<String, String> now = snapshot();
				long served = Client.JSON.readTree(now.get("stats")).path("total").asLong();
				long known = Client.JSON.readTree(now.get("languages"))
					.path("languages")
					.path(0)
					.path("total")
					.asLong();
				return now.equals(last.getAndSet(now)) && served == known;
			});
		return last.get();
	}

	/**
	 * Everything players and moderators can read, keyed by what it is (item ids, pages,
	 * summaries).
	 */
	private Map<String, String> snapshot() {
		String[] admin = bearer(system.adminToken());
		Map<String, String> data = new TreeMap<>();
		// stats without its languages: a copy of /api/v1/languages that content-service
		// caches for 30 s
		JsonNode stats = gateway.get("/api/v1/stats").json();
		((ObjectNode) stats).remove("languages");
		data.put("stats", stats.toString());
		data.put("languages", read("/api/v1/languages"));
		for (String kind : List.of("truths", "dares")) {
			for (int page = 1, pages = 1; page <= pages; page++) {
				JsonNode list = gateway.get("/api/v2/" + kind + "?size=100&page=" + page + "&max_age_rating=18%2B")
					.json();
				pages = list.get("total_pages").asInt();
				data.put("v2 " + kind + " total", list.get("total").asString());
				for (JsonNode item : list.get("items")) {
					data.put("v2 " + kind + " " + item.get("id").asString(), item.toString());
				}
			}
		}
		for (String id : RATED) {
			data.put("rating " + id, read("/api/v1/ratings/" + id));
			data.put("translations " + id, read("/api/v1/translations/" + id));
		}
		data.put("top truths", read("/api/v1/ratings/top?type=truth&limit=100"));
		data.put("top dares", read("/api/v1/ratings/top?type=dare&limit=100"));
		for (int page = 1, total = 1; (long) (page - 1) * 100 < total; page++) {
			JsonNode search = gateway.get("/api/v1/cms/content?size=100&page=" + page, admin).json();
			total = search.get("total").asInt();
			data.put("cms total", String.valueOf(total));
			for (JsonNode entry : search.get("items")) {
				data.put("cms " + entry.get("item").get("id").asString(), entry.toString());
			}
		}
		for (String status : List.of("PENDING", "FLAGGED")) {
			data.put("cms queue " + status, read("/api/v1/cms/queue?status=" + status + "&size=100", admin));
		}
		data.put("cms accounts", read("/api/v1/cms/accounts", admin));
		data.put("cms history " + pendingId, read("/api/v1/cms/content/" + pendingId + "/history", admin));
		data.put("translations missing id", read("/api/v1/translations/missing?lang=id&size=100"));
		return data;
	}

	/**
	 * The body of a 200; only the status otherwise (problems carry a request id that
	 * differs every time).
	 */
	private String read(String path, String... headers) {
		Client.Answer answer = gateway.get(path, headers);
		return answer.status() == 200 ? answer.body() : String.valueOf(answer.status());
	}

}
