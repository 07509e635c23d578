package dev.truthordare.system;

import static dev.truthordare.system.Hostile.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile request targets: NoSQL operators, invisible characters, CR/LF and invalid UTF-8
 * in every checked query parameter; traversal, matrix parameters and encoded tricks in
 * every path segment that names something; and methods no route allows.
 */
class HostileUrlIT extends HostileInputSuite {

	@Override
	int minimumRequests() {
		return 800;
	}

	@Override
	void addHostileRequests(List<Hostile> table) {
		queryParameters(table);
		pathSegments(table);
		methods(table);
	}

	/**
	 * A query parameter that is checked, with a value that passes, for the hostile
	 * variants built on it.
	 */
	private record Param(String path, String name, String valid, boolean staff) {
	}

	private void queryParameters(List<Hostile> table) {
		List<Param> params = new ArrayList<>();
		for (String v : List.of("v1", "v2")) {
			params.add(new Param("/api/" + v + "/truths/random", "category", "funny", false));
			params.add(new Param("/api/" + v + "/truths/random", "max_age_rating", "13+", false));
			for (String[] dare : new String[][] { { "category", "silly" }, { "difficulty", "easy" },
					{ "indoor", "true" }, { "outdoor", "false" }, { "props", "none" }, { "max_duration", "10" },
					{ "players", "4" }, { "max_age_rating", "all" } }) {
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
			table.add(get("query invalid UTF-8",
					withParam(param.path(), param.name(), URLEncoder.encode(valid, StandardCharsets.UTF_8) + "%FF%FE"),
					param.staff()));
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

	private void pathSegments(List<Hostile> table) {
		String noBody = null;
		String invalidText = "{\"text\": \"pendek\"}";
		// {X} is replaced by each hostile segment built on the id before it; writes aim
		// at ids that do not exist
		record Template(String method, String path, String base, String body, boolean staff, String... headers) {
		}
		List<Template> templates = List.of(new Template("GET", "/api/v1/truths/{X}", ITEM, noBody, false),
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

	private void methods(List<Hostile> table) {
		table.add(request("method TRACE", "TRACE", "/api/v1/truths/random", null));
		table.add(request("method DELETE on stats", "DELETE", "/api/v1/stats", null));
		table.add(request("method PATCH on ratings", "PATCH", "/api/v1/ratings", "{\"rating\": 5}", "X-Client-Id",
				CLIENT));
		table.add(request("method PUT on languages", "PUT", "/api/v1/languages", "{\"code\": \"xx\"}"));
		table.add(request("method POST on an item", "POST", "/api/v1/truths/" + ITEM, "{\"content\": \"x\"}"));
		table.add(request("method PROPFIND", "PROPFIND", "/api/v1/truths", null));
		table.add(request("method DELETE on CMS content", "DELETE", "/api/v1/cms/content/" + pendingId, null,
				bearer(adminToken)));
		table.add(request("method DELETE on an account", "DELETE", "/api/v1/cms/accounts/" + account, null,
				bearer(adminToken)));
	}

}
