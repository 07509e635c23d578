package dev.truthordare.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One hostile request. {@code headers} are "Name: value" lines; {@code expected} is the
 * one right status where there is one (413, 414, 431, 401, 403, 412), else 0 for "any
 * 4xx". With {@link Via#SOCKET} and {@code raw} set, those bytes are the whole request.
 * The static methods build them for the hostile-input suites ({@link HostileInputSuite}).
 */
record Hostile(String family, String method, String target, List<String> headers, byte[] body, Via via, int expected,
		byte[] raw) {

	/**
	 * How a request travels: java.net.http (fixed length or chunked), or bytes written to
	 * a socket as they are.
	 */
	enum Via {

		CLIENT, CHUNKED, SOCKET

	}

	String name() {
		List<String> shownHeaders = headers.stream()
			.map(line -> line.startsWith("Authorization: Bearer ") && line.length() > 60 ? line.substring(0, 40) + "…"
					: line)
			.toList();
		String shown = method + " " + target + (headers.isEmpty() ? "" : " " + shownHeaders)
				+ (body == null ? ""
						: " body=" + new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
								+ (body.length > 160 ? "…(" + body.length + " bytes)" : ""));
		if (raw != null) {
			shown = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8);
		}
		return "[" + family + "] " + printable(shown.length() > 300 ? shown.substring(0, 300) + "…" : shown)
				+ (via == Via.CLIENT ? "" : " via " + via.name().toLowerCase(Locale.ROOT));
	}

	Hostile withExpected(int status) {
		return new Hostile(family, method, target, headers, body, via, status, raw);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Building requests

	static Hostile request(String family, String method, String target, String body, String... headers) {
		List<String> lines = body == null ? headerLines(headers)
				: headerLines(headers, "Content-Type", "application/json");
		return new Hostile(family, method, target, lines, body == null ? null : utf8(body),
				uriAccepts(target) ? Via.CLIENT : Via.SOCKET, 0, null);
	}

	static Hostile socket(String family, String method, String target, List<String> headers, byte[] body) {
		return new Hostile(family, method, target, headers, body, Via.SOCKET, 0, null);
	}

	static Hostile rawSocket(String family, String request) {
		return new Hostile(family, "", "", List.of(), null, Via.SOCKET, 0, utf8(request));
	}

	static boolean uriAccepts(String target) {
		try {
			URI.create("http://localhost" + target);
			return true;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	static List<String> headerLines(String[] pairs, String... more) {
		List<String> lines = new ArrayList<>();
		for (String[] source : List.of(pairs, more)) {
			for (int i = 0; i + 1 < source.length; i += 2) {
				lines.add(source[i] + ": " + source[i + 1]);
			}
		}
		return lines;
	}

	static String[] bearer(String token) {
		return new String[] { "Authorization", "Bearer " + token };
	}

	/**
	 * One request per (field, hostile value): the valid body with that field replaced (or
	 * added).
	 */
	static void mutate(List<Hostile> table, String method, String path, String[] headers, Map<String, String> base,
			Map<String, List<String>> mutations) {
		new TreeMap<>(mutations).forEach((field, values) -> values
			.forEach(value -> table.add(request("field " + field, method, path, body(base, field, value), headers))));
	}

	static Map<String, String> fields(String... pairs) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return fields;
	}

	static String body(Map<String, String> fields, String field, String rawValue) {
		Map<String, String> changed = new LinkedHashMap<>(fields);
		changed.put(field, rawValue);
		return body(changed);
	}

	static String body(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(entry -> json(entry.getKey()) + ": " + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

	/**
	 * A JSON string literal; control characters are escaped, everything else (RTL, emoji)
	 * is sent as it is.
	 */
	static String json(String value) {
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

	static String tags(int count) {
		return IntStream.range(0, count).mapToObj(i -> "\"tag" + i + "\"").collect(Collectors.joining(",", "[", "]"));
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static String abbreviate(String text) {
		String shown = text == null ? "null" : text.length() > 400 ? text.substring(0, 400) + "…" : text;
		return printable(shown);
	}

	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.forEach(c -> out.append(c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x200B || c == 0x202E
					? String.format("\\u%04x", c) : new String(Character.toChars(c))));
		return out.toString();
	}
}
