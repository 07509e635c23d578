package dev.truthordare.system;

import static dev.truthordare.system.Hostile.*;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The HTTP layer itself: bodies, URLs and headers over the size limits (413, 414, 431),
 * and requests java.net.http will not send - CR/LF and raw bytes in headers and request
 * lines, conflicting framing, missing or doubled Host.
 */
class HostileHttpIT extends HostileInputSuite {

	private static final byte[] TEN_MEGABYTES = tenMegabyteJson();

	@Override
	int minimumRequests() {
		return 50;
	}

	@Override
	void addHostileRequests(List<Hostile> table) {
		sizes(table);
		brokenHttp(table);
	}

	private void sizes(List<Hostile> table) {
		String[] admin = bearer(adminToken);
		String[] client = { "X-Client-Id", CLIENT };
		List<Endpoint> endpoints = jsonEndpoints();
		for (Endpoint endpoint : endpoints) {
			table.add(new Hostile("size 10 MB body", endpoint.method(), endpoint.path(),
					headerLines(endpoint.headers(), "Content-Type", "application/json"), TEN_MEGABYTES, Via.CLIENT, 413,
					null));
		}
		for (Endpoint endpoint : endpoints.subList(0, 6)) {
			table.add(new Hostile("size 10 MB chunked body", endpoint.method(), endpoint.path(),
					headerLines(endpoint.headers(), "Content-Type", "application/json"), TEN_MEGABYTES, Via.CHUNKED,
					413, null));
		}
		byte[] justOver = utf8(
				"{\"content_id\": \"" + ITEM + "\", \"rating\": 5, \"comment\": \"" + "z".repeat(64 * 1024) + "\"}");
		table.add(new Hostile("size just over 64 KiB", "POST", "/api/v1/ratings",
				headerLines(client, "Content-Type", "application/json"), justOver, Via.CLIENT, 413, null));
		table.add(new Hostile("size just over 64 KiB", "PUT", "/api/v1/translations/" + ITEM + "/id",
				headerLines(admin, "Content-Type", "application/json"), justOver, Via.CLIENT, 413, null));
		for (int length : List.of(5 * 1024, 64 * 1024, 1024 * 1024)) {
			String filler = "a".repeat(length);
			table.add(request("size URL " + length / 1024 + " KiB", "GET", "/api/v1/truths/random?category=" + filler,
					null)
				.withExpected(414));
			table.add(request("size URL " + length / 1024 + " KiB", "GET", "/api/v2/dares/" + filler, null)
				.withExpected(414));
			table.add(request("size URL " + length / 1024 + " KiB", "POST", "/api/v1/ratings?x=" + filler,
					"{\"rating\": 9}", client)
				.withExpected(414));
			table.add(
					request("size URL " + length / 1024 + " KiB", "GET", "/api/v1/cms/content?q=" + filler, null, admin)
						.withExpected(414));
		}
		table.add(request("size header 20 KiB", "POST", "/api/v1/ratings", "{\"rating\": 9}", "X-Client-Id",
				"c".repeat(20 * 1024))
			.withExpected(431));
		table.add(request("size header 64 KiB", "GET", "/api/v1/truths/random", null, "Accept-Language",
				"id;q=0.5,".repeat(64 * 1024 / 9))
			.withExpected(431));
		table.add(request("size header 16 KiB cookie", "GET", "/api/v1/stats", null, "Cookie",
				"session=" + "s".repeat(16 * 1024))
			.withExpected(431));
		String[] many = IntStream.range(0, 300)
			.boxed()
			.flatMap(i -> Stream.of("X-Hostile-" + i, "v".repeat(100)))
			.toArray(String[]::new);
		table.add(request("size 300 headers", "GET", "/api/v1/languages", null, many).withExpected(431));
	}

	/**
	 * Requests java.net.http will not send: CR/LF and raw bytes in headers and targets,
	 * conflicting framing.
	 */
	private void brokenHttp(List<Hostile> table) {
		String rating = "{\"content_id\": \"" + ITEM + "\", \"rating\": 5}";
		String json = "Content-Type: application/json";
		List<String[]> headerTricks = List.of(
				new String[] { "bare CR in a header", "X-Client-Id: phone-1\rX-Injected: 1" },
				new String[] { "folded header line", "X-Client-Id: phone-1\r\n X-Injected: 1" },
				new String[] { "NUL in a header", "X-Client-Id: phone\u0000-1" },
				new String[] { "space before the colon", "X-Client-Id : phone-1" },
				new String[] { "space in a header name", "X-Client Id: phone-1" },
				new String[] { "right-to-left override in a header", "X-Client-Id: \u202Ephone-1" },
				new String[] { "zero-width space in a header", "X-Client-Id: phone\u200B-1" },
				new String[] { "emoji in a header", "X-Client-Id: phone-\uD83D\uDD25" });
		for (String[] trick : headerTricks) {
			table.add(socket("header " + trick[0], "POST", "/api/v1/ratings", List.of(json, trick[1]), utf8(rating)));
		}
		table.add(socket("header Latin-1 byte", "POST", "/api/v1/ratings", List.of(json, "X-Client-Id: phone-\u00FF"),
				utf8(rating)));
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
				"GET /api/v1/truths/random?category={\"$ne\":null} HTTP/1.1\r\n" + host
						+ "\r\nConnection: close\r\n\r\n"));
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
		table.add(rawSocket("host invalid",
				"GET /api/v1/truths/random HTTP/1.1\r\nHost: exa mple\r\n" + "Connection: close\r\n\r\n"));
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

}
