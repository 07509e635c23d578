package dev.truthordare.web.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Grammar-breaking values for every request header the platform reads, shared by the
 * services' module tests and the system tests: empty, blank, far too long, non-ASCII,
 * repeated and syntactically wrong. Control characters are left out: the gateway refuses
 * them before any service sees them, and a raw CR would split the request.
 */
public final class HostileHeaders {

	/** One header line (or several, for a repeated header) to add to a request. */
	public record Value(String header, List<String> values) {

		static Value of(String header, String value) {
			return new Value(header, List.of(value));
		}

		@Override
		public String toString() {
			String shown = values.stream()
				.map(value -> value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value)
				.collect(Collectors.joining(" | "));
			return header + ": " + shown;
		}
	}

	private static final String LONG = "a".repeat(4000);

	private static final String TWO_HUNDRED_TAGS = IntStream.range(0, 200)
		.mapToObj(i -> "x" + i + ";q=0." + (i % 10))
		.collect(Collectors.joining(","));

	private HostileHeaders() {
	}

	/** Values for any header: nothing, blanks, length, non-ASCII, a list. */
	private static List<String> generic() {
		return List.of("", " ", "\t", LONG, "ünïcödé", "日本語", "a,b", ",,,", ";", "\"", "=", "%00", "../../etc");
	}

	public static List<Value> all() {
		List<Value> cases = new ArrayList<>();
		List<String> headers = List.of("Content-Type", "Accept", "Accept-Language", "If-Match", "If-None-Match",
				"Idempotency-Key", "X-Client-Id", "X-Request-Id", "Authorization", "Origin", "Cookie", "Range",
				"X-Forwarded-For", "Access-Control-Request-Method", "Access-Control-Request-Headers",
				"Content-Encoding", "Expect");
		for (String header : headers) {
			for (String value : generic()) {
				cases.add(Value.of(header, value));
			}
			cases.add(new Value(header, List.of("a", "b")));
		}
		specific(cases, "Content-Type", "*/*", "application/*", "*/json", "application", "application/", "/json",
				"application/json; charset=klingon", "application/json; charset=", "application/json;;;",
				"application/json; a", "application/json; q=x", "text/plain", "application/json, text/plain",
				"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
				"application/json; boundary=\"");
		cases.add(new Value("Content-Type", List.of("application/json", "text/plain")));
		cases.add(new Value("Content-Type", List.of("application/json", "*/*")));
		specific(cases, "Accept", "*/*", "application/*", "*/json", "application", "application/", "*/*;q=x",
				"application/json;q=2", "text/html", "text/csv", "application/json;q=0", "*/*;q=0",
				"application/problem+json;q=0, */*;q=0", "image/png, image/*", "text/*;q=1.5",
				"application/json; charset=klingon");
		specific(cases, "Accept-Language", "en-;q=x", "*;q=2", "*", TWO_HUNDRED_TAGS, "de-DE-x-", "en;q=", "en;q=-1",
				"en;q=1e999", "en;q=NaN", "-", "--", "en--US", "en-US-u-ca-", "i-klingon", "x-private", "123",
				"de;q=0.5;q=0.9", "zh-Hant-TW-u-nu-hanidec", "de_DE", "ID", "id-ID, en;q=0.1", "a".repeat(70));
		for (String header : List.of("If-Match", "If-None-Match")) {
			specific(cases, header, "*", "W/\"1\"", "W/", "\"", "\"1", "1", "-1", "\"-1\"", "\"99999999999999999999\"",
					"\"1\", W/", "\"\"", "W/\"\"", "\"1\"\"2\"", "\"a\"");
		}
		specific(cases, "Authorization", "Bearer", "Bearer ", "Bearer  ", "bearer x", "Bearer a.b.c", "Bearer ...",
				"Bearer " + LONG, "Bearer e30.e30.e30", "Bearer ünï.cö.dé", "Basic", "Basic !!!", "Basic Og==",
				"Negotiate x", "Bearer a b c");
		specific(cases, "Origin", "null", "http://", "http://a b", "https://evil.example", "file://", "http://[::1",
				"http://localhost:99999", "javascript:alert(1)");
		specific(cases, "X-Forwarded-For", "1.2.3.4, , ", "999.1.1.1", "::::", "1.2.3.4:80", "[::1]", "unknown",
				"1.2.3", "0x7f.0.0.1", "fe80::1%eth0", "1.2.3.4/33");
		specific(cases, "Range", "bytes=0-", "bytes=x-y", "bytes=99999999999999999999-", "bytes=-0", "bytes=5-1",
				"items=0-10", "bytes=0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0");
		specific(cases, "Content-Encoding", "gzip", "br", "deflate", "identity", "gzip, gzip", "x-unknown");
		specific(cases, "Expect", "100-continue", "200-ok", "100-continue, 100-continue");
		specific(cases, "Access-Control-Request-Method", "GET", "TRACE", "G E T", "get");
		specific(cases, "Cookie", "a", "=;;=", "SESSION=" + LONG, "a=\"", "JSESSIONID=x; JSESSIONID=y");
		specific(cases, "X-Client-Id", "a".repeat(64), "a".repeat(65), "phone 1", "phone/1");
		specific(cases, "X-Request-Id", "a".repeat(128), "a".repeat(129), "short");
		specific(cases, "Idempotency-Key", "a".repeat(255), "a".repeat(256), "key with spaces");
		return cases;
	}

	private static void specific(List<Value> cases, String header, String... values) {
		for (String value : values) {
			cases.add(Value.of(header, value));
		}
	}

}
