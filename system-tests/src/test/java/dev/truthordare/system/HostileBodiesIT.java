package dev.truthordare.system;

import static dev.truthordare.system.Hostile.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bodies that are not the JSON object an endpoint takes: empty, truncated, other JSON
 * types, operators, invalid or overlong UTF-8, deep nesting, huge numbers, and the wrong
 * (or no) content type, sent to every JSON endpoint.
 */
class HostileBodiesIT extends HostileInputSuite {

	@Override
	int minimumRequests() {
		return 300;
	}

	@Override
	void addHostileRequests(List<Hostile> table) {
		malformedBodies(table);
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
		bodies.put("invalid UTF-8",
				concat(utf8("{\"content\": \""), new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0x80 }, utf8("\"}")));
		bodies.put("overlong UTF-8",
				concat(utf8("{\"content\": \""), new byte[] { (byte) 0xC0, (byte) 0xAE }, utf8("\"}")));
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
			contentTypes.forEach((type, body) -> table
				.add(new Hostile("body content type " + type, endpoint.method(), endpoint.path(),
						headerLines(endpoint.headers(), "Content-Type", type), utf8(body), Via.CLIENT, 0, null)));
			table.add(new Hostile("body without content type", endpoint.method(), endpoint.path(),
					headerLines(endpoint.headers()), utf8("{\"$where\": \"sleep(1000)\"}"), Via.CLIENT, 0, null));
		}
	}

}
