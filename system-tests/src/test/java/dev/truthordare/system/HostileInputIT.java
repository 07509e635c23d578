package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Hostile input through the gateway, generated as a table: malformed, truncated and oversized bodies, wrong types,
 * NoSQL operators, invisible and right-to-left characters, path tricks, broken HTTP framing and forged tokens, against
 * every public and CMS endpoint. Every one must be refused with a 4xx {@code application/problem+json} whose
 * {@code status} is the HTTP status (429 counts: rate limiting is a refusal too), and none may change any data a
 * player or moderator can see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String CLIENT = "hostile-suite-phone";
    private static final String ITEM = "truth-001";
    /** Items whose ratings the snapshot records; the hostile ratings aim at the first. */
    private static final List<String> RATED = List.of(ITEM, "truth-002", "dare-001", "dare-002");
    private static final byte[] TEN_MEGABYTES = tenMegabyteJson();

    /** How a request travels: java.net.http (fixed length or chunked), or bytes written to a socket as they are. */
    enum Via { CLIENT, CHUNKED, SOCKET }

    /**
     * One hostile request. {@code headers} are "Name: value" lines; {@code expected} is the one right status where
     * there is one (413, 414, 431, 401, 403, 412), else 0 for "any 4xx". With {@link Via#SOCKET} and {@code raw}
     * set, those bytes are the whole request.
     */
    record Hostile(String family, String method, String target, List<String> headers, byte[] body, Via via,
            int expected, byte[] raw) {

        String name() {
            List<String> shownHeaders = headers.stream().map(line -> line.startsWith("Authorization: Bearer ")
                    && line.length() > 60 ? line.substring(0, 40) + "…" : line).toList();
            String shown = method + " " + target + (headers.isEmpty() ? "" : " " + shownHeaders)
                    + (body == null ? "" : " body=" + new String(body, 0, Math.min(body.length, 160),
                    StandardCharsets.UTF_8) + (body.length > 160 ? "…(" + body.length + " bytes)" : ""));
            if (raw != null) {
                shown = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8);
            }
            return "[" + family + "] " + printable(shown.length() > 300 ? shown.substring(0, 300) + "…" : shown)
                    + (via == Via.CLIENT ? "" : " via " + via.name().toLowerCase(Locale.ROOT));
        }

        Hostile withExpected(int status) {
            return new Hostile(family, method, target, headers, body, via, status, raw);
        }
    }

    private SharedSystem system;
    private Client gateway;
    private RawHttp socket;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, Integer> statuses = new TreeMap<>();

    private String adminToken;
    private String moderatorToken;
    private String pendingId;
    private String account;
    private String gameId;
    private Map<String, String> before;

    @BeforeAll
    void theSystemIsUpAndItsDataIsRecorded() {
        system = SharedSystem.get();
        gateway = system.gateway;
        socket = new RawHttp(system.launcher.gatewayUrl());
        system.awaitSeedCatalogue();
        adminToken = system.adminToken();

        // legitimate setup: an item waiting for moderation, a moderator account and a game to aim at
        Client.Answer created = gateway.post("/api/v1/cms/content", "{\"type\":\"truth\",\"content\":\"Which hostile "
                + "request would you send first, " + UUID.randomUUID() + "?\",\"category\":\"deep\"}", bearer(adminToken));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        pendingId = created.json().get("id").asString();
        account = "hostile-target-" + Long.toString(System.nanoTime() % 1_000_000);
        String password = "hostile-target-password-" + UUID.randomUUID();
        Client.Answer accountCreated = gateway.post("/api/v1/cms/accounts", "{\"username\":\"" + account
                + "\",\"password\":\"" + password + "\",\"roles\":[\"MODERATOR\"]}", bearer(adminToken));
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
        System.out.println("HostileInputIT sent " + sent.get() + " hostile requests; answers by status: " + statuses);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyHostileRequestIsRefusedWithA4xxProblemAndNeverA5xx() throws Exception {
        List<Hostile> table = hostileRequests();
        assertThat(table).hasSizeGreaterThanOrEqualTo(300);
        return table.stream().map(hostile -> dynamicTest(hostile.name(), () -> assertRefused(hostile, send(hostile))));
    }

    @Test
    @Order(2)
    void hostileRequestsChangedNoDataAPlayerOrModeratorCanSee() {
        try {
            // a hostile write that got through may still be travelling over Kafka: the data must stay as it was
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> snapshot().equals(before));
        } catch (ConditionTimeoutException e) {
            Map<String, String> after = snapshot();
            Map<String, String> changed = new TreeMap<>();
            before.forEach((key, value) -> {
                if (!value.equals(after.get(key))) {
                    changed.put(key, value + "\n   now: " + after.get(key));
                }
            });
            after.keySet().stream().filter(key -> !before.containsKey(key))
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
            softly.assertThat(reply.header("content-type")).as("%sthe Content-Type", exchange)
                    .startsWith("application/problem+json");
            JsonNode problem = null;
            try {
                problem = Client.JSON.readTree(reply.body());
            } catch (RuntimeException notJson) {
                softly.fail("%sa JSON body", exchange);
            }
            if (problem != null) {
                softly.assertThat(problem.isObject()).as("%sa JSON object", exchange).isTrue();
                softly.assertThat(problem.path("status").asInt()).as("%sthe problem's status", exchange)
                        .isEqualTo(reply.status());
            }
            softly.assertThat(reply.body()).as("%sno stack trace", exchange).doesNotContain("\tat ", "Exception");
            // CR/LF smuggled in a parameter or header never becomes a header of the answer
            softly.assertThat(reply.header("x-injected")).as("%sno injected header", exchange).isNull();
            softly.assertThat(reply.header("set-cookie")).as("%sno injected cookie", exchange).isNull();
        });
    }

    /** Sends one hostile request; whichever way it went, the answer comes back in the same shape. */
    private RawHttp.Reply send(Hostile hostile) throws IOException, InterruptedException {
        sent.incrementAndGet();
        if (hostile.via() == Via.SOCKET) {
            return socket.send(hostile.raw() != null ? hostile.raw()
                    : socket.request(hostile.method(), hostile.target(), hostile.headers(), hostile.body()));
        }
        HttpRequest.BodyPublisher body = hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
                : hostile.via() == Via.CHUNKED
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()))
                : HttpRequest.BodyPublishers.ofByteArray(hostile.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.launcher.gatewayUrl() + hostile.target()))
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
        } catch (IOException noAnswer) {
            throw new AssertionError("no HTTP answer to " + hostile.name() + ": " + noAnswer, noAnswer);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new RawHttp.Reply(response.statusCode(), headers, response.body());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The table

    private List<Hostile> hostileRequests() throws Exception {
        List<Hostile> table = new ArrayList<>();
        queryParameters(table);
        pathSegments(table);
        malformedBodies(table);
        wrongFields(table);
        headers(table);
        tokens(table);
        sizes(table);
        methods(table);
        brokenHttp(table);
        return table;
    }

    /** A query parameter that is checked, with a value that passes, for the hostile variants built on it. */
    private record Param(String path, String name, String valid, boolean staff) {
    }

    private void queryParameters(List<Hostile> table) {
        List<Param> params = new ArrayList<>();
        for (String v : List.of("v1", "v2")) {
            params.add(new Param("/api/" + v + "/truths/random", "category", "funny", false));
            params.add(new Param("/api/" + v + "/truths/random", "max_age_rating", "13+", false));
            for (String[] dare : new String[][] {{"category", "silly"}, {"difficulty", "easy"}, {"indoor", "true"},
                    {"outdoor", "false"}, {"props", "none"}, {"max_duration", "10"}, {"players", "4"},
                    {"max_age_rating", "all"}}) {
                params.add(new Param("/api/" + v + "/dares/random", dare[0], dare[1], false));
            }
            params.add(new Param("/api/" + v + "/truths", "page", "1", false));
            params.add(new Param("/api/" + v + "/truths", "size", "10", false));
            params.add(new Param("/api/" + v + "/truths", "category", "deep", false));
            params.add(new Param("/api/" + v + "/dares", "page", "2", false));
            params.add(new Param("/api/" + v + "/dares", "size", "5", false));
            params.add(new Param("/api/" + v + "/dares", "difficulty", "hard", false));
            params.add(new Param("/api/" + v + "/truths/categories", "max_age_rating", "18+", false));
            params.add(new Param("/api/" + v + "/dares/difficulties", "max_age_rating", "all", false));
        }
        params.add(new Param("/api/v2/dares/random", "min_rating", "3", false));
        params.add(new Param("/api/v1/ratings/top", "type", "truth", false));
        params.add(new Param("/api/v1/ratings/top", "limit", "10", false));
        params.add(new Param("/api/v1/ratings/top", "min_count", "1", false));
        params.add(new Param("/api/v1/translations/missing", "lang", "id", false));
        params.add(new Param("/api/v1/translations/missing?lang=id", "page", "0", false));
        params.add(new Param("/api/v1/translations/missing?lang=fr", "size", "20", false));
        params.add(new Param("/api/v1/translations/" + ITEM, "lang", "id", false));
        params.add(new Param("/api/v1/cms/queue", "status", "PENDING", true));
        params.add(new Param("/api/v1/cms/queue", "type", "truth", true));
        params.add(new Param("/api/v1/cms/queue", "page", "1", true));
        params.add(new Param("/api/v1/cms/queue", "size", "20", true));
        params.add(new Param("/api/v1/cms/content", "status", "APPROVED", true));
        params.add(new Param("/api/v1/cms/content", "type", "dare", true));
        params.add(new Param("/api/v1/cms/content", "category", "funny", true));
        params.add(new Param("/api/v1/cms/content", "page", "1", true));
        params.add(new Param("/api/v1/cms/content", "size", "20", true));

        for (Param param : params) {
            String valid = param.valid();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("operator $gt", "{\"$gt\": \"\"}");
            values.put("operator $where", "{\"$where\": \"sleep(1000)\"}");
            values.put("operator $ne", "{\"$ne\": null}");
            values.put("right-to-left override", "\u202E" + valid);
            values.put("zero-width space", valid.charAt(0) + "\u200B" + valid.substring(1));
            values.put("emoji", valid + "\uD83D\uDD25");
            values.put("CR/LF", valid + "\r\nX-Injected: 1");
            values.put("NUL", valid + "\u0000");
            for (Map.Entry<String, String> value : values.entrySet()) {
                table.add(get("query " + value.getKey(), withParam(param.path(), param.name(),
                        URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8)), param.staff()));
            }
            table.add(get("query invalid UTF-8", withParam(param.path(), param.name(),
                    URLEncoder.encode(valid, StandardCharsets.UTF_8) + "%FF%FE"), param.staff()));
            if (valid.matches("\\d+")) {
                table.add(get("query huge number", withParam(param.path(), param.name(), "99999999999999999999"),
                        param.staff()));
                table.add(get("query negative", withParam(param.path(), param.name(), "-1"), param.staff()));
            }
        }
    }

    private static String withParam(String path, String name, String encodedValue) {
        return path + (path.contains("?") ? "&" : "?") + name + "=" + encodedValue;
    }

    private Hostile get(String family, String target, boolean staff) {
        return request(family, "GET", target, null, staff ? bearer(adminToken) : new String[0]);
    }

    private void pathSegments(List<Hostile> table) {
        String noBody = null;
        String invalidText = "{\"text\": \"pendek\"}";
        // {X} is replaced by each hostile segment built on the id before it; writes aim at ids that do not exist
        record Template(String method, String path, String base, String body, boolean staff, String... headers) {
        }
        List<Template> templates = List.of(
                new Template("GET", "/api/v1/truths/{X}", ITEM, noBody, false),
                new Template("GET", "/api/v2/truths/{X}", ITEM, noBody, false),
                new Template("GET", "/api/v1/dares/{X}", "dare-001", noBody, false),
                new Template("GET", "/api/v2/dares/{X}", "dare-001", noBody, false),
                new Template("GET", "/api/v1/ratings/{X}", ITEM, noBody, false),
                new Template("DELETE", "/api/v1/ratings/{X}", ITEM, noBody, false, "X-Client-Id", CLIENT),
                new Template("GET", "/api/v1/translations/{X}", ITEM, noBody, false),
                new Template("GET", "/api/v1/translations/{X}?lang=id", ITEM, noBody, false),
                new Template("PUT", "/api/v1/translations/{X}/id", ITEM, invalidText, true),
                new Template("PUT", "/api/v1/translations/" + ITEM + "/{X}", "id", invalidText, true),
                new Template("POST", "/api/v1/translations/{X}/id/approve", "no-such-item", noBody, true),
                new Template("GET", "/api/v1/games/{X}", gameId, noBody, false),
                new Template("GET", "/api/v1/games/{X}/truth", "no-such-game", noBody, false),
                new Template("DELETE", "/api/v1/games/{X}", "no-such-game", noBody, false),
                new Template("GET", "/api/v1/cms/content/{X}", pendingId, noBody, true),
                new Template("GET", "/api/v1/cms/content/{X}/history", pendingId, noBody, true),
                new Template("POST", "/api/v1/cms/content/{X}/approve", "no-such-item", "{\"reason\": \"fine\"}", true),
                new Template("PUT", "/api/v1/cms/content/{X}", "no-such-item", "{\"content\": \"short\"}", true),
                new Template("PATCH", "/api/v1/cms/accounts/{X}", "no-such-account", "{\"roles\": []}", true));
        for (Template template : templates) {
            String base = template.base();
            Map<String, String> segments = new LinkedHashMap<>();
            segments.put("operator $gt", "%7B%22%24gt%22%3A%22%22%7D");
            segments.put("operator $where", "%7B%22%24where%22%3A%22sleep(1000)%22%7D");
            segments.put("operator $ne", "%7B%22%24ne%22%3Anull%7D");
            segments.put("operator name", "%24where");
            segments.put("dot-dot", "..");
            segments.put("encoded dot-dot", "%2e%2e");
            segments.put("encoded traversal", base + "%2F..%2F..%2Fcms%2Faccounts");
            segments.put("double-encoded traversal", "%252e%252e%252fcms%252faccounts");
            segments.put("dot-dot-semicolon", "..;");
            segments.put("matrix parameter", base + ";jsessionid=hostile");
            segments.put("encoded semicolon", base + "%3Bx=1");
            segments.put("NUL", base + "%00");
            segments.put("right-to-left override", "%E2%80%AE" + base);
            segments.put("zero-width space", base + "%E2%80%8B");
            segments.put("emoji", "%F0%9F%94%A5");
            segments.put("invalid UTF-8", base + "%FF%FE");
            segments.put("overlong UTF-8 dots", "%C0%AE%C0%AE");
            segments.put("too long id", "a".repeat(65));
            segments.put("CR/LF", base + "%0D%0AX-Injected:%201");
            segments.put("backslash traversal", "%5C..%5C..%5Ccms");
            for (Map.Entry<String, String> segment : segments.entrySet()) {
                List<String> headers = new ArrayList<>(List.of(template.headers()));
                if (template.staff()) {
                    headers.addAll(List.of(bearer(adminToken)));
                }
                table.add(request("path " + segment.getKey(), template.method(),
                        template.path().replace("{X}", segment.getValue()), template.body(),
                        headers.toArray(String[]::new)));
            }
        }
    }

    /** A JSON endpoint: where it is, the headers it needs to get past the gate, and a body that is valid. */
    private record Endpoint(String method, String path, String[] headers) {
    }

    private List<Endpoint> jsonEndpoints() {
        String[] client = {"X-Client-Id", CLIENT};
        return List.of(
                new Endpoint("POST", "/api/v1/ratings", client),
                new Endpoint("POST", "/api/v1/reports", client),
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

    private void malformedBodies(List<Hostile> table) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("lone brace", utf8("{"));
        bodies.put("truncated JSON", utf8("{\"content_id\": \"truth-001\", \"rating\": "));
        bodies.put("truncated string", utf8("{\"content\": \"What is"));
        bodies.put("not JSON", utf8("content_id=truth-001&rating=5"));
        bodies.put("array", utf8("[]"));
        bodies.put("string", utf8("\"truth-001\""));
        bodies.put("number", utf8("42"));
        bodies.put("null", utf8("null"));
        bodies.put("operator $where", utf8("{\"$where\": \"sleep(1000)\"}"));
        bodies.put("operator $gt", utf8("{\"$gt\": \"\"}"));
        bodies.put("operator $ne", utf8("{\"$ne\": null}"));
        bodies.put("invalid UTF-8", concat(utf8("{\"content\": \""), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80},
                utf8("\"}")));
        bodies.put("overlong UTF-8", concat(utf8("{\"content\": \""), new byte[] {(byte) 0xC0, (byte) 0xAE},
                utf8("\"}")));
        bodies.put("raw NUL in string", utf8("{\"content\": \"a\u0000b\"}"));
        bodies.put("nested 5000 deep", utf8("[".repeat(5000) + "]".repeat(5000)));
        bodies.put("trailing garbage", utf8("{\"$where\": 1} {\"$where\": 2}"));
        bodies.put("single quotes", utf8("{'content_id': 'truth-001'}"));
        bodies.put("comment", utf8("/* hostile */ {\"$where\": 1}"));
        bodies.put("NaN literal", utf8("{\"rating\": NaN}"));
        bodies.put("50000-digit number", utf8("{\"rating\": " + "9".repeat(50_000) + "}"));
        bodies.put("exponent 1e999999", utf8("{\"rating\": 1e999999, \"players\": 1e999999}"));
        for (Endpoint endpoint : jsonEndpoints()) {
            bodies.forEach((family, body) -> table.add(new Hostile("body " + family, endpoint.method(), endpoint.path(),
                    headerLines(endpoint.headers(), "Content-Type", "application/json"), body, Via.CLIENT, 0, null)));
            Map<String, String> contentTypes = new LinkedHashMap<>();
            contentTypes.put("text/plain", "{\"$where\": \"sleep(1000)\"}");
            contentTypes.put("application/xml", "<rating><content_id>truth-001</content_id></rating>");
            contentTypes.put("application/x-www-form-urlencoded", "content_id=truth-001&rating=%7B%22%24gt%22%3A0%7D");
            contentTypes.put("application/json; charset=bogus-charset", "{\"$where\": \"sleep(1000)\"}");
            contentTypes.forEach((type, body) -> table.add(new Hostile("body content type " + type, endpoint.method(),
                    endpoint.path(), headerLines(endpoint.headers(), "Content-Type", type), utf8(body), Via.CLIENT, 0,
                    null)));
            table.add(new Hostile("body without content type", endpoint.method(), endpoint.path(),
                    headerLines(endpoint.headers()), utf8("{\"$where\": \"sleep(1000)\"}"), Via.CLIENT, 0, null));
        }
    }

    /** Bodies that are JSON, but with one field hostile: wrong type, null, out of range, operator, invisible text. */
    private void wrongFields(List<Hostile> table) {
        String[] client = {"X-Client-Id", CLIENT};
        String[] admin = bearer(adminToken);
        String long501 = json("x".repeat(501));
        String rtlItem = json("\u202E" + ITEM);
        String zwItem = json("truth\u200B-001");

        Map<String, String> rating = fields("content_id", json(ITEM), "rating", "5");
        mutate(table, "POST", "/api/v1/ratings", client, rating, Map.ofEntries(
                Map.entry("content_id", List.of("null", "42", "{\"$gt\": \"\"}", "{\"$ne\": null}", "[\"truth-001\"]",
                        rtlItem, zwItem, json("\uD83D\uDD25"), json("../" + ITEM), "\"\"",
                        json(ITEM + "\r\nX-Injected: 1"))),
                Map.entry("rating", List.of("null", "\"5\"", "5.5", "0", "6", "-1", "99999999999999999999",
                        "1e999999", "true", "{\"$gt\": 0}", "[5]", "\"NaN\"")),
                Map.entry("comment", List.of(long501, "{\"$where\": \"sleep(1000)\"}", "123",
                        json("y".repeat(60_000)))),
                Map.entry("appropriate", List.of("\"false\"", "0", "{\"$ne\": null}")),
                Map.entry("difficulty_feedback", List.of("\"TOO_EASY\"", json("\u202Etoo_easy"), "{\"$ne\": null}")),
                Map.entry("$where", List.of(json("sleep(1000)"))),
                Map.entry("client_id", List.of(json("someone-else")))));

        Map<String, String> report = fields("content_id", json(ITEM), "reason_code", json("UNSAFE"));
        mutate(table, "POST", "/api/v1/reports", client, report, Map.of(
                "reason_code", List.of("\"unsafe\"", "{\"$ne\": null}", "null", "\"\"", "42", json("UNSAFE\u200B"),
                        "[\"UNSAFE\"]"),
                "content_id", List.of("{\"$gt\": \"\"}", "null", rtlItem, "42"),
                "comment", List.of(long501, "{\"$where\": \"sleep(1000)\"}"),
                "$where", List.of(json("sleep(1000)"))));

        Map<String, String> submission = fields("type", json("truth"),
                "content", json("What is the bravest thing you did this year, honestly?"), "category", json("deep"));
        mutate(table, "POST", "/api/v1/submissions", client, submission, Map.of(
                "type", List.of("\"TRUTH\"", "{\"$ne\": null}", "null", "1", json("truth\u200B")),
                "content", List.of("null", "{\"$gt\": \"\"}", "\"short\"", long501,
                        json("What is the\u0007 bell doing in this text?"), "[\"What is this?\"]",
                        "123456789012345678"),
                "category", List.of("\"Deep\"", "{\"$ne\": null}", json("deep\u202E"), "\"physical\""),
                "tags", List.of("\"x\"", "[{\"$ne\": null}]", "[\"\"]", tags(11)),
                "difficulty", List.of("\"easy\""),
                "age_rating", List.of("\"21+\"", "{\"$gt\": \"\"}"),
                "status", List.of("\"APPROVED\""),
                "id", List.of(json(ITEM)),
                "submitted_by", List.of("\"admin\""),
                "$where", List.of(json("sleep(1000)"))));

        Map<String, String> game = fields("players", "4");
        mutate(table, "POST", "/api/v1/games", new String[0], game, Map.of(
                "players", List.of("\"4\"", "4.5", "0", "-1", "1001", "99999999999", "1e999999", "null", "true",
                        "{\"$gt\": 0}", "[4]"),
                "max_age_rating", List.of("\"21+\"", "{\"$ne\": null}", json("13+\u200B")),
                "categories", List.of("\"funny\"", "[null]", "[{\"$ne\": null}]", "[" + json("\u202Efunny") + "]",
                        "[" + String.join(",", java.util.Collections.nCopies(21, "\"funny\"")) + "]"),
                "difficulties", List.of("[\"impossible\"]", "{\"$where\": \"sleep(1000)\"}"),
                "lang", List.of("\"klingon\"", "{\"$where\": \"sleep(1000)\"}", json("\u200Bid"), "[\"id\"]"),
                "$where", List.of(json("sleep(1000)"))));
        table.add(request("field duplicate key", "POST", "/api/v1/games", "{\"players\": 4, \"players\": 5}"));

        // never a string password with the admin's name: five failed logins would lock the account the suite needs
        Map<String, String> login = fields("username", json("hostile-probe"), "password", json("not-the-password"));
        table.add(request("field unknown account", "POST", "/api/v1/cms/auth/token", body(login)));
        table.add(request("field SQL-style username", "POST", "/api/v1/cms/auth/token",
                body(login, "username", json("admin' OR '1'='1"))));
        table.add(request("field NUL in username", "POST", "/api/v1/cms/auth/token",
                body(login, "username", json("admin\u0000"))));
        mutate(table, "POST", "/api/v1/cms/auth/token", new String[0], login, Map.of(
                "username", List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "null", "\"\"", json("u".repeat(101)),
                        "[\"admin\"]"),
                "roles", List.of("[\"ADMIN\"]"),
                "grant_type", List.of("\"password\"")));
        Map<String, String> adminLogin = fields("username", json("admin"), "password", json("unused"));
        mutate(table, "POST", "/api/v1/cms/auth/token", new String[0], adminLogin, Map.of(
                "password", List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "null", "\"\"", "\"   \"",
                        json("p".repeat(201)), "[\"x\"]")));

        Map<String, String> truth = fields("type", json("truth"),
                "content", json("What is a hostile input you once typed by accident?"), "category", json("deep"));
        mutate(table, "POST", "/api/v1/cms/content", admin, truth, Map.ofEntries(
                Map.entry("type", List.of("\"TRUTH\"", "{\"$ne\": null}", "null", "[\"truth\"]")),
                Map.entry("content", List.of("null", "{\"$gt\": \"\"}", "\"short\"", long501, "\"\"",
                        json("Bell \u0007 inside a truth text here?"), "123456789012345678")),
                Map.entry("category", List.of("\"Deep\"", "{\"$ne\": null}", "\"physical\"")),
                Map.entry("difficulty", List.of("\"easy\"")),
                Map.entry("difficulty_level", List.of("0", "6", "-1", "99999999999", "1e999999", "{\"$gt\": 1}")),
                Map.entry("age_rating", List.of("\"21+\"", "{\"$gt\": \"\"}", json("13+\u200B"))),
                Map.entry("tags", List.of("\"x\"", "[null]", "[\"\"]", tags(11), "[{\"$ne\": null}]",
                        "[" + json("t".repeat(31)) + "]")),
                Map.entry("language", List.of("\"english\"", "\"EN\"", "{\"$ne\": null}", json("e\u200Bn"))),
                Map.entry("status", List.of("\"APPROVED\"")),
                Map.entry("id", List.of(json(ITEM))),
                Map.entry("version", List.of("99")),
                Map.entry("$where", List.of(json("sleep(1000)")))));
        Map<String, String> dare = fields("type", json("dare"),
                "content", json("Do a silly hostile dance for ten whole seconds."), "category", json("silly"),
                "difficulty", json("easy"));
        mutate(table, "POST", "/api/v1/cms/content", admin, dare, Map.of(
                "difficulty", List.of("\"EASY\"", "null", "{\"$ne\": null}"),
                "duration_minutes", List.of("0", "121", "-1", "1e999999", "{\"$gt\": 0}"),
                "group_size", List.of("{\"min\": 0, \"max\": 1}", "{\"min\": 5, \"max\": 2}",
                        "{\"min\": \"x\", \"max\": 2}", "\"big\"", "{\"min\": 99999999999, \"max\": 2}",
                        "{\"min\": {\"$gt\": 0}, \"max\": 2}"),
                "safety_level", List.of("\"yolo\"", "{\"$ne\": null}"),
                "indoor_suitable", List.of("\"maybe\"", "{\"$ne\": null}"),
                "props_required", List.of("{\"$ne\": null}"),
                "category", List.of("\"deep\"")));

        // edits of the pending item: each changes one field wrongly; a valid edit carries a stale version
        mutate(table, "PUT", "/api/v1/cms/content/" + pendingId, admin, fields(), Map.of(
                "content", List.of("\"short\"", "{\"$gt\": \"\"}", long501, json("Bell \u0007 inside an edit here?"),
                        "123456789012345678"),
                "type", List.of("\"dare\"", "{\"$ne\": null}"),
                "category", List.of("\"silly\"", "{\"$ne\": null}"),
                "difficulty", List.of("\"easy\""),
                "difficulty_level", List.of("9", "{\"$gt\": 0}"),
                "age_rating", List.of("\"21+\""),
                "tags", List.of("[null]", tags(11)),
                "status", List.of("\"APPROVED\""),
                "version", List.of("0"),
                "id", List.of("\"x\"")));
        String validEdit = "{\"content\": \"A perfectly valid edit that must never land, " + UUID.randomUUID() + "?\"}";
        for (String stale : List.of("\"999999\"", "W/\"999999\"", "\"abc\"", "\"99999999999999999999\"", "\"-1\"")) {
            table.add(new Hostile("header stale If-Match", "PUT", "/api/v1/cms/content/" + pendingId,
                    headerLines(admin, "Content-Type", "application/json", "If-Match", stale), utf8(validEdit),
                    Via.CLIENT, 412, null));
        }

        String reject = "/api/v1/cms/content/" + pendingId + "/reject";
        for (String body : List.of("{}", "{\"reason_code\": null}", "{\"reason_code\": {\"$ne\": null}}",
                "{\"reason_code\": \"offensive\"}", "{\"reason_code\": \"OTHER\"}",
                "{\"reason_code\": \"OTHER\", \"reason\": \"   \"}",
                "{\"reason_code\": \"OFFENSIVE\", \"reason\": " + long501 + "}",
                "{\"reason_code\": " + json("X".repeat(41)) + "}", "{\"reason_code\": " + json("OFFENSIVE\u200B") + "}",
                "{\"reason_code\": [\"OFFENSIVE\"]}", "{\"reason_code\": \"OFFENSIVE\", \"$where\": \"1\"}",
                "{\"reason_code\": \"OFFENSIVE\", \"reason\": {\"$gt\": \"\"}}")) {
            table.add(request("field moderation reason", "POST", reject, body, admin));
        }
        for (String action : List.of("reject", "approve")) {
            table.add(new Hostile("header stale If-Match", "POST", "/api/v1/cms/content/" + pendingId + "/" + action,
                    headerLines(admin, "Content-Type", "application/json", "If-Match", "\"424242\""),
                    utf8("{\"reason_code\": \"LOW_QUALITY\"}"), Via.CLIENT, 412, null));
        }
        table.add(request("field flag a pending item", "POST", "/api/v1/cms/content/" + pendingId + "/flag",
                "{\"reason_code\": \"OFFENSIVE\"}", admin));
        table.add(request("field archive a pending item", "POST", "/api/v1/cms/content/" + pendingId + "/archive",
                "{}", admin));

        String validImport = "{\"id\": \"hostile-1\", \"content\": \"What is a hostile import you would try?\", "
                + "\"category\": \"deep\"}";
        for (String body : List.of(
                "{\"truths\": [{\"id\": \"../../etc/passwd\", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
                "{\"truths\": [{\"id\": {\"$ne\": null}, \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
                "{\"truths\": [{\"id\": " + json("a".repeat(41)) + ", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
                "{\"truths\": [{\"id\": " + json("\u202Ehostile") + ", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
                "{\"truths\": [{\"id\": \"hostile-2\", \"content\": \"short\", \"category\": \"deep\"}]}",
                "{\"truths\": [{\"id\": \"hostile-3\", \"content\": \"What is behind the door you never open?\", \"category\": {\"$gt\": \"\"}}]}",
                "{\"truths\": [{\"id\": \"hostile-4\", \"content\": \"What is behind the door you never open?\", \"category\": \"nope\"}]}",
                "{\"truths\": [" + validImport + ", null]}",
                "{\"truths\": \"all of them\"}", "{\"truths\": {\"$where\": \"sleep(1000)\"}}", "{\"truths\": [1, 2]}",
                "{\"truths\": []}", "{}", "{\"truths\": [" + validImport + "], \"status\": \"APPROVED\"}",
                "{\"dares\": [{\"id\": \"hostile-5\", \"content\": \"Do something hostile right now, quickly.\", \"category\": \"silly\"}]}",
                "{\"truths\": [" + String.join(",", java.util.Collections.nCopies(5001, "{}")) + "]}")) {
            table.add(request("field import", "POST", "/api/v1/cms/import", body, admin));
        }
        for (String status : List.of("ARCHIVED", "approved", "%7B%22%24ne%22%3Anull%7D", "APPROVED%E2%80%8B",
                "APPROVED%0D%0AX-Injected:%201")) {
            table.add(request("query import status", "POST", "/api/v1/cms/import?status=" + status,
                    "{\"truths\": [" + validImport + "]}", admin));
        }

        Map<String, String> newAccount = fields("username", json("hostile-probe"),
                "password", json("a-long-enough-password"), "roles", "[\"MODERATOR\"]");
        mutate(table, "POST", "/api/v1/cms/accounts", admin, newAccount, Map.of(
                "username", List.of("\"Admin\"", "\"ad\"", "\"a$where\"", "{\"$ne\": null}", json("x".repeat(41)),
                        json("hostile\u200Bprobe"), "\"../admin\"", "null", "\"admin\""),
                "password", List.of("\"short\"", "{\"$gt\": \"\"}", "null", json("p".repeat(201)),
                        "123456789012345"),
                "roles", List.of("[]", "[\"ROOT\"]", "[null]", "\"ADMIN\"", "[{\"$ne\": null}]", "[\"admin\"]",
                        "null"),
                "enabled", List.of("false"),
                "password_hash", List.of("\"x\"")));
        for (String body : List.of("{\"enabled\": \"false\"}", "{\"enabled\": \"no\"}", "{\"enabled\": {\"$ne\": null}}",
                "{\"enabled\": 0}", "{\"roles\": []}", "{\"roles\": [\"ROOT\"]}", "{\"roles\": \"ADMIN\"}",
                "{\"password\": \"short\"}", "{\"password\": {\"$gt\": \"\"}}", "{\"password\": 123456789012345}",
                "{\"username\": \"admin\"}",
                "{\"$set\": {\"roles\": [\"ADMIN\"]}}")) {
            table.add(request("field account change", "PATCH", "/api/v1/cms/accounts/" + account, body, admin));
        }

        Map<String, String> translation = fields("text", json("Teks terjemahan yang sah untuk pengujian ini."));
        mutate(table, "PUT", "/api/v1/translations/" + ITEM + "/id", admin, translation, Map.of(
                "text", List.of("null", "\"\"", "\"pendek\"", long501,
                        json("Teks dengan\u0007 karakter kontrol di dalamnya."), "{\"$gt\": \"\"}", "42", "[\"x\"]",
                        "1234567890123456", "true",
                        "\"Teks dengan \\ud800 pengganti tunggal di dalamnya.\"",
                        json("Teks dengan \uE000 karakter privat di dalamnya.")),
                "status", List.of("\"APPROVED\""),
                "approved", List.of("true"),
                "$where", List.of(json("sleep(1000)"))));
    }

    private void headers(List<Hostile> table) {
        String validRating = "{\"content_id\": \"" + ITEM + "\", \"rating\": 5}";
        String validReport = "{\"content_id\": \"" + ITEM + "\", \"reason_code\": \"UNSAFE\"}";
        String validSubmission = "{\"type\": \"truth\", \"content\": \"What is a submission nobody should accept, "
                + UUID.randomUUID() + "?\", \"category\": \"deep\"}";
        List<String> badClientIds = List.of("", " ", "c".repeat(65), "{\"$ne\":null}", "../../admin", "a b",
                "<script>", "phone;drop", "phone,other", "*");
        for (String[] endpoint : new String[][] {{"POST", "/api/v1/ratings", validRating},
                {"POST", "/api/v1/reports", validReport}, {"POST", "/api/v1/submissions", validSubmission},
                {"DELETE", "/api/v1/ratings/" + ITEM, null}}) {
            for (String clientId : badClientIds) {
                table.add(request("header X-Client-Id", endpoint[0], endpoint[1], endpoint[2],
                        "X-Client-Id", clientId));
            }
            table.add(request("header no X-Client-Id", endpoint[0], endpoint[1], endpoint[2]));
        }
        for (String key : List.of("k".repeat(256), "key with spaces", "")) {
            table.add(request("header Idempotency-Key", "POST", "/api/v1/ratings", validRating,
                    "X-Client-Id", CLIENT, "Idempotency-Key", key));
        }
        for (String accept : List.of("application/xml", "text/html", "image/png")) {
            table.add(request("header Accept", "GET", "/api/v1/truths/no-such-truth", null, "Accept", accept));
            table.add(request("header Accept", "GET", "/api/v1/truths/random?category=nope", null, "Accept", accept));
            table.add(request("header Accept", "POST", "/api/v1/ratings", "{\"rating\": 9}",
                    "X-Client-Id", CLIENT, "Accept", accept));
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
        String myJwk = "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(myPublic.getModulus()
                .toByteArray())) + "\",\"e\":\"" + b64(unsigned(myPublic.getPublicExponent().toByteArray())) + "\"}";

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
        tokens.put("RS256 with a foreign jku", rs256("{\"alg\":\"RS256\",\"kid\":\"hostile\","
                + "\"jku\":\"http://127.0.0.1:9/jwks.json\"}", adminClaims, mine));
        tokens.put("HS256 keyed with the published public key", hs256("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}",
                adminClaims, utf8(key.toString())));
        tokens.put("HS256 keyed with 'secret'", hs256("{\"alg\":\"HS256\"}", adminClaims, utf8("secret")));
        tokens.put("HS256 with path traversal kid", hs256("{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}",
                adminClaims, new byte[32]));
        tokens.put("expired, foreign key", rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", expiredClaims, mine));
        tokens.put("expired, unsigned", unsigned("{\"alg\":\"none\"}", expiredClaims, ""));
        tokens.put("real token with forged claims", real[0] + "." + b64(utf8(adminClaims.replace("\"sub\":\"admin\"",
                "\"sub\":\"root\""))) + "." + real[2]);
        tokens.put("real token with its expiry moved back", real[0] + "." + b64(utf8(expiredClaims)) + "." + real[2]);
        tokens.put("real token without signature", real[0] + "." + real[1] + ".");
        tokens.put("real token switched to alg none", b64(utf8("{\"alg\":\"none\"}")) + "." + real[1] + ".");
        tokens.put("garbage", "not.a.jwt");
        tokens.put("one segment", "eyJhbGciOiJub25lIn0");
        tokens.put("operator in token", "{\"$ne\":null}".replace("\"", ""));

        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/v1/cms/queue", null},
                new String[] {"GET", "/api/v1/cms/accounts", null},
                new String[] {"GET", "/api/v1/cms/content/" + pendingId + "/history", null},
                new String[] {"POST", "/api/v1/cms/content", "{}"},
                new String[] {"POST", "/api/v1/cms/import", "{}"},
                new String[] {"PUT", "/api/v1/translations/" + ITEM + "/id", "{}"},
                new String[] {"POST", "/api/v1/translations/" + ITEM + "/id/approve", null});
        for (String[] endpoint : endpoints) {
            tokens.forEach((family, token) -> table.add(new Hostile("token " + family, endpoint[0], endpoint[1],
                    headerLines(new String[] {"Authorization", "Bearer " + token}, "Content-Type", "application/json"),
                    endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 401, null)));
            table.add(new Hostile("token Basic credentials", endpoint[0], endpoint[1],
                    headerLines(new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            utf8("admin:" + SharedSystem.ADMIN_PASSWORD))}, "Content-Type", "application/json"),
                    endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 401, null));
        }
        // a real, valid token of a moderator on what only admins may do: 403
        for (String[] endpoint : List.of(new String[] {"GET", "/api/v1/cms/accounts", null},
                new String[] {"POST", "/api/v1/cms/import", "{}"},
                new String[] {"POST", "/api/v1/cms/accounts", "{}"},
                // were the role check broken, this body (wrongly typed) would still change nothing
                new String[] {"PATCH", "/api/v1/cms/accounts/admin", "{\"enabled\": \"no\"}"})) {
            table.add(new Hostile("token moderator on admin endpoint", endpoint[0], endpoint[1],
                    headerLines(bearer(moderatorToken), "Content-Type", "application/json"),
                    endpoint[2] == null ? null : utf8(endpoint[2]), Via.CLIENT, 403, null));
        }
        // players' endpoints are open, but a forged token presented there is still rejected, not ignored
        for (String target : List.of("/api/v1/truths/random", "/api/v1/stats", "/api/v1/languages")) {
            table.add(request("token forged on a public endpoint", "GET", target, null,
                    "Authorization", "Bearer " + tokens.get("alg none")));
        }
    }

    private void sizes(List<Hostile> table) {
        String[] admin = bearer(adminToken);
        String[] client = {"X-Client-Id", CLIENT};
        List<Endpoint> endpoints = jsonEndpoints();
        for (Endpoint endpoint : endpoints) {
            table.add(new Hostile("size 10 MB body", endpoint.method(), endpoint.path(),
                    headerLines(endpoint.headers(), "Content-Type", "application/json"), TEN_MEGABYTES, Via.CLIENT,
                    413, null));
        }
        for (Endpoint endpoint : endpoints.subList(0, 6)) {
            table.add(new Hostile("size 10 MB chunked body", endpoint.method(), endpoint.path(),
                    headerLines(endpoint.headers(), "Content-Type", "application/json"), TEN_MEGABYTES, Via.CHUNKED,
                    413, null));
        }
        byte[] justOver = utf8("{\"content_id\": \"" + ITEM + "\", \"rating\": 5, \"comment\": \""
                + "z".repeat(64 * 1024) + "\"}");
        table.add(new Hostile("size just over 64 KiB", "POST", "/api/v1/ratings",
                headerLines(client, "Content-Type", "application/json"), justOver, Via.CLIENT, 413, null));
        table.add(new Hostile("size just over 64 KiB", "PUT", "/api/v1/translations/" + ITEM + "/id",
                headerLines(admin, "Content-Type", "application/json"), justOver, Via.CLIENT, 413, null));
        for (int length : List.of(5 * 1024, 64 * 1024, 1024 * 1024)) {
            String filler = "a".repeat(length);
            table.add(request("size URL " + length / 1024 + " KiB", "GET", "/api/v1/truths/random?category=" + filler,
                    null).withExpected(414));
            table.add(request("size URL " + length / 1024 + " KiB", "GET", "/api/v2/dares/" + filler, null)
                    .withExpected(414));
            table.add(request("size URL " + length / 1024 + " KiB", "POST", "/api/v1/ratings?x=" + filler,
                    "{\"rating\": 9}", client).withExpected(414));
            table.add(request("size URL " + length / 1024 + " KiB", "GET", "/api/v1/cms/content?q=" + filler, null,
                    admin).withExpected(414));
        }
        table.add(request("size header 20 KiB", "POST", "/api/v1/ratings", "{\"rating\": 9}",
                "X-Client-Id", "c".repeat(20 * 1024)).withExpected(431));
        table.add(request("size header 64 KiB", "GET", "/api/v1/truths/random", null,
                "Accept-Language", "id;q=0.5,".repeat(64 * 1024 / 9)).withExpected(431));
        table.add(request("size header 16 KiB cookie", "GET", "/api/v1/stats", null,
                "Cookie", "session=" + "s".repeat(16 * 1024)).withExpected(431));
        String[] many = IntStream.range(0, 300).boxed()
                .flatMap(i -> Stream.of("X-Hostile-" + i, "v".repeat(100))).toArray(String[]::new);
        table.add(request("size 300 headers", "GET", "/api/v1/languages", null, many).withExpected(431));
    }

    private void methods(List<Hostile> table) {
        table.add(request("method TRACE", "TRACE", "/api/v1/truths/random", null));
        table.add(request("method DELETE on stats", "DELETE", "/api/v1/stats", null));
        table.add(request("method PATCH on ratings", "PATCH", "/api/v1/ratings", "{\"rating\": 5}", "X-Client-Id", CLIENT));
        table.add(request("method PUT on languages", "PUT", "/api/v1/languages", "{\"code\": \"xx\"}"));
        table.add(request("method POST on an item", "POST", "/api/v1/truths/" + ITEM, "{\"content\": \"x\"}"));
        table.add(request("method PROPFIND", "PROPFIND", "/api/v1/truths", null));
        table.add(request("method DELETE on CMS content", "DELETE", "/api/v1/cms/content/" + pendingId, null,
                bearer(adminToken)));
        table.add(request("method DELETE on an account", "DELETE", "/api/v1/cms/accounts/" + account, null,
                bearer(adminToken)));
    }

    /** Requests java.net.http will not send: CR/LF and raw bytes in headers and targets, conflicting framing. */
    private void brokenHttp(List<Hostile> table) {
        String rating = "{\"content_id\": \"" + ITEM + "\", \"rating\": 5}";
        String json = "Content-Type: application/json";
        List<String[]> headerTricks = List.of(
                new String[] {"bare CR in a header", "X-Client-Id: phone-1\rX-Injected: 1"},
                new String[] {"folded header line", "X-Client-Id: phone-1\r\n X-Injected: 1"},
                new String[] {"NUL in a header", "X-Client-Id: phone\u0000-1"},
                new String[] {"space before the colon", "X-Client-Id : phone-1"},
                new String[] {"space in a header name", "X-Client Id: phone-1"},
                new String[] {"right-to-left override in a header", "X-Client-Id: \u202Ephone-1"},
                new String[] {"zero-width space in a header", "X-Client-Id: phone\u200B-1"},
                new String[] {"emoji in a header", "X-Client-Id: phone-\uD83D\uDD25"});
        for (String[] trick : headerTricks) {
            table.add(socket("header " + trick[0], "POST", "/api/v1/ratings", List.of(json, trick[1]), utf8(rating)));
        }
        table.add(socket("header Latin-1 byte", "POST", "/api/v1/ratings",
                List.of(json, "X-Client-Id: phone-\u00FF"), utf8(rating)));
        table.add(socket("framing two Content-Length", "POST", "/api/v1/ratings",
                List.of(json, "X-Client-Id: " + CLIENT, "Content-Length: 5", "Content-Length: " + rating.length()),
                utf8(rating)));
        table.add(socket("framing Content-Length and chunked", "POST", "/api/v1/ratings",
                List.of(json, "X-Client-Id: " + CLIENT, "Content-Length: 4", "Transfer-Encoding: chunked"),
                utf8("5\r\n{\"$wh\r\n0\r\n\r\n")));
        table.add(socket("framing invalid chunk size", "POST", "/api/v1/ratings",
                List.of(json, "X-Client-Id: " + CLIENT, "Transfer-Encoding: chunked"), utf8("zz\r\n{}\r\n0\r\n\r\n")));
        table.add(socket("framing negative Content-Length", "POST", "/api/v1/ratings",
                List.of(json, "X-Client-Id: " + CLIENT, "Content-Length: -1"), utf8(rating)));
        String host = "Host: " + URI.create(system.launcher.gatewayUrl()).getAuthority();
        table.add(rawSocket("target CR/LF in the request line",
                "GET /api/v1/truths/random\r\nX-Injected: 1 HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target space in the path",
                "GET /api/v1/truths/truth 001 HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target raw operator in the path",
                "GET /api/v1/truths/{\"$gt\":\"\"} HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target raw operator in the query",
                "GET /api/v1/truths/random?category={\"$ne\":null} HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target raw UTF-8 in the path",
                "GET /api/v1/truths/tr\u00FCth-\u202E001 HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target raw backslash traversal",
                "GET /api/v1/truths/..\\..\\cms\\accounts HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("target absolute URI of another host",
                "GET http://evil.example/api/v1/cms/accounts HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("method invalid token",
                "G<T /api/v1/truths/random HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("host missing", "GET /api/v1/truths/random HTTP/1.1\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("host twice", "GET /api/v1/truths/random HTTP/1.1\r\n" + host
                + "\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        table.add(rawSocket("host invalid", "GET /api/v1/truths/random HTTP/1.1\r\nHost: exa mple\r\n"
                + "Connection: close\r\n\r\n"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Building requests

    private Hostile request(String family, String method, String target, String body, String... headers) {
        List<String> lines = body == null ? headerLines(headers) : headerLines(headers, "Content-Type", "application/json");
        return new Hostile(family, method, target, lines, body == null ? null : utf8(body),
                uriAccepts(target) ? Via.CLIENT : Via.SOCKET, 0, null);
    }

    private Hostile socket(String family, String method, String target, List<String> headers, byte[] body) {
        return new Hostile(family, method, target, headers, body, Via.SOCKET, 0, null);
    }

    private Hostile rawSocket(String family, String request) {
        return new Hostile(family, "", "", List.of(), null, Via.SOCKET, 0, utf8(request));
    }

    private static boolean uriAccepts(String target) {
        try {
            URI.create("http://localhost" + target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> headerLines(String[] pairs, String... more) {
        List<String> lines = new ArrayList<>();
        for (String[] source : List.of(pairs, more)) {
            for (int i = 0; i + 1 < source.length; i += 2) {
                lines.add(source[i] + ": " + source[i + 1]);
            }
        }
        return lines;
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** One request per (field, hostile value): the valid body with that field replaced (or added). */
    private void mutate(List<Hostile> table, String method, String path, String[] headers, Map<String, String> base,
            Map<String, List<String>> mutations) {
        new TreeMap<>(mutations).forEach((field, values) -> values.forEach(value -> table.add(
                request("field " + field, method, path, body(base, field, value), headers))));
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static String body(Map<String, String> fields, String field, String rawValue) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(field, rawValue);
        return body(changed);
    }

    private static String body(Map<String, String> fields) {
        return fields.entrySet().stream().map(entry -> json(entry.getKey()) + ": " + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A JSON string literal; control characters are escaped, everything else (RTL, emoji) is sent as it is. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"tag" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static byte[] tenMegabyteJson() {
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        byte[] start = utf8("{\"content\": \"");
        System.arraycopy(start, 0, body, 0, start.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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

    // ---------------------------------------------------------------------------------------------------------
    // The data before and after

    /**
     * Waits until two snapshots in a row agree and translation-service counts as many approved items as
     * content-service serves (seeding, translations and projections have settled).
     */
    private Map<String, String> stableSnapshot() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, String> now = snapshot();
            long served = Client.JSON.readTree(now.get("stats")).path("total").asLong();
            long known = Client.JSON.readTree(now.get("languages")).path("languages").path(0).path("total").asLong();
            return now.equals(last.getAndSet(now)) && served == known;
        });
        return last.get();
    }

    /** Everything players and moderators can read, keyed by what it is (item ids, pages, summaries). */
    private Map<String, String> snapshot() {
        String[] admin = bearer(system.adminToken());
        Map<String, String> data = new TreeMap<>();
        // stats without its languages: a copy of /api/v1/languages that content-service caches for 30 s
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

    /** The body of a 200; only the status otherwise (problems carry a request id that differs every time). */
    private String read(String path, String... headers) {
        Client.Answer answer = gateway.get(path, headers);
        return answer.status() == 200 ? answer.body() : String.valueOf(answer.status());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String abbreviate(String text) {
        String shown = text == null ? "null" : text.length() > 400 ? text.substring(0, 400) + "…" : text;
        return printable(shown);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x200B || c == 0x202E
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.toString();
    }
}
