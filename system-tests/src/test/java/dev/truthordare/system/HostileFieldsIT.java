package dev.truthordare.system;

import static dev.truthordare.system.Hostile.*;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON bodies with one hostile field each: wrong type, null, out of range, operators,
 * invisible and right-to-left text, fields a caller must not set; stale versions,
 * moderation without a valid reason, bad imports and account changes.
 */
class HostileFieldsIT extends HostileInputSuite {

	@Override
	int minimumRequests() {
		return 250;
	}

	@Override
	void addHostileRequests(List<Hostile> table) {
		wrongFields(table);
	}

	/**
	 * Bodies that are JSON, but with one field hostile: wrong type, null, out of range,
	 * operator, invisible text.
	 */
	private void wrongFields(List<Hostile> table) {
		String[] client = { "X-Client-Id", CLIENT };
		String[] admin = bearer(adminToken);
		String long501 = json("x".repeat(501));
		String rtlItem = json("\u202E" + ITEM);
		String zwItem = json("truth\u200B-001");

		Map<String, String> rating = fields("content_id", json(ITEM), "rating", "5");
		mutate(table, "POST", "/api/v1/ratings", client, rating, Map.ofEntries(
				Map.entry("content_id",
						List.of("null", "42", "{\"$gt\": \"\"}", "{\"$ne\": null}", "[\"truth-001\"]", rtlItem, zwItem,
								json("\uD83D\uDD25"), json("../" + ITEM), "\"\"", json(ITEM + "\r\nX-Injected: 1"))),
				Map.entry("rating",
						List.of("null", "\"5\"", "5.5", "0", "6", "-1", "99999999999999999999", "1e999999", "true",
								"{\"$gt\": 0}", "[5]", "\"NaN\"")),
				Map.entry("comment",
						List.of(long501, "{\"$where\": \"sleep(1000)\"}", "123", json("y".repeat(60_000)))),
				Map.entry("appropriate", List.of("\"false\"", "0", "{\"$ne\": null}")),
				Map.entry("difficulty_feedback", List.of("\"TOO_EASY\"", json("\u202Etoo_easy"), "{\"$ne\": null}")),
				Map.entry("$where", List.of(json("sleep(1000)"))),
				Map.entry("client_id", List.of(json("someone-else")))));

		Map<String, String> report = fields("content_id", json(ITEM), "reason_code", json("UNSAFE"));
		mutate(table, "POST", "/api/v1/reports", client, report,
				Map.of("reason_code",
						List.of("\"unsafe\"", "{\"$ne\": null}", "null", "\"\"", "42", json("UNSAFE\u200B"),
								"[\"UNSAFE\"]"),
						"content_id", List.of("{\"$gt\": \"\"}", "null", rtlItem, "42"), "comment",
						List.of(long501, "{\"$where\": \"sleep(1000)\"}"), "$where", List.of(json("sleep(1000)"))));

		Map<String, String> submission = fields("type", json("truth"), "content",
				json("What is the bravest thing you did this year, honestly?"), "category", json("deep"));
		mutate(table, "POST", "/api/v1/submissions", client, submission,
				Map.of("type", List.of("\"TRUTH\"", "{\"$ne\": null}", "null", "1", json("truth\u200B")), "content",
						List.of("null", "{\"$gt\": \"\"}", "\"short\"", long501,
								json("What is the\u0007 bell doing in this text?"), "[\"What is this?\"]",
								"123456789012345678"),
						"category", List.of("\"Deep\"", "{\"$ne\": null}", json("deep\u202E"), "\"physical\""), "tags",
						List.of("\"x\"", "[{\"$ne\": null}]", "[\"\"]", tags(11)), "difficulty", List.of("\"easy\""),
						"age_rating", List.of("\"21+\"", "{\"$gt\": \"\"}"), "status", List.of("\"APPROVED\""), "id",
						List.of(json(ITEM)), "submitted_by", List.of("\"admin\""), "$where",
						List.of(json("sleep(1000)"))));

		Map<String, String> game = fields("players", "4");
		mutate(table, "POST", "/api/v1/games", new String[0], game,
				Map.of("players",
						List.of("\"4\"", "4.5", "0", "-1", "1001", "99999999999", "1e999999", "null", "true",
								"{\"$gt\": 0}", "[4]"),
						"max_age_rating", List.of("\"21+\"", "{\"$ne\": null}", json("13+\u200B")), "categories",
						List.of("\"funny\"", "[null]", "[{\"$ne\": null}]", "[" + json("\u202Efunny") + "]",
								"[" + String.join(",", java.util.Collections.nCopies(21, "\"funny\"")) + "]"),
						"difficulties", List.of("[\"impossible\"]", "{\"$where\": \"sleep(1000)\"}"), "lang",
						List.of("\"klingon\"", "{\"$where\": \"sleep(1000)\"}", json("\u200Bid"), "[\"id\"]"), "$where",
						List.of(json("sleep(1000)"))));
		table.add(request("field duplicate key", "POST", "/api/v1/games", "{\"players\": 4, \"players\": 5}"));

		// never a string password with the admin's name: five failed logins would lock
		// the account the suite needs
		Map<String, String> login = fields("username", json("hostile-probe"), "password", json("not-the-password"));
		table.add(request("field unknown account", "POST", "/api/v1/cms/auth/token", body(login)));
		table.add(request("field SQL-style username", "POST", "/api/v1/cms/auth/token",
				body(login, "username", json("admin' OR '1'='1"))));
		table.add(request("field NUL in username", "POST", "/api/v1/cms/auth/token",
				body(login, "username", json("admin\u0000"))));
		mutate(table, "POST", "/api/v1/cms/auth/token", new String[0], login,
				Map.of("username",
						List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "null", "\"\"", json("u".repeat(101)),
								"[\"admin\"]"),
						"roles", List.of("[\"ADMIN\"]"), "grant_type", List.of("\"password\"")));
		Map<String, String> adminLogin = fields("username", json("admin"), "password", json("unused"));
		mutate(table, "POST", "/api/v1/cms/auth/token", new String[0], adminLogin, Map.of("password", List
			.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "null", "\"\"", "\"   \"", json("p".repeat(201)), "[\"x\"]")));

		Map<String, String> truth = fields("type", json("truth"), "content",
				json("What is a hostile input you once typed by accident?"), "category", json("deep"));
		mutate(table, "POST", "/api/v1/cms/content", admin, truth,
				Map.ofEntries(Map.entry("type", List.of("\"TRUTH\"", "{\"$ne\": null}", "null", "[\"truth\"]")),
						Map.entry("content",
								List.of("null", "{\"$gt\": \"\"}", "\"short\"", long501, "\"\"",
										json("Bell \u0007 inside a truth text here?"), "123456789012345678")),
						Map.entry("category", List.of("\"Deep\"", "{\"$ne\": null}", "\"physical\"")),
						Map.entry("difficulty", List.of("\"easy\"")),
						Map.entry("difficulty_level",
								List.of("0", "6", "-1", "99999999999", "1e999999", "{\"$gt\": 1}")),
						Map.entry("age_rating", List.of("\"21+\"", "{\"$gt\": \"\"}", json("13+\u200B"))),
						Map.entry("tags",
								List.of("\"x\"", "[null]", "[\"\"]", tags(11), "[{\"$ne\": null}]",
										"[" + json("t".repeat(31)) + "]")),
						Map.entry("language", List.of("\"english\"", "\"EN\"", "{\"$ne\": null}", json("e\u200Bn"))),
						Map.entry("status", List.of("\"APPROVED\"")), Map.entry("id", List.of(json(ITEM))),
						Map.entry("version", List.of("99")), Map.entry("$where", List.of(json("sleep(1000)")))));
		Map<String, String> dare = fields("type", json("dare"), "content",
				json("Do a silly hostile dance for ten whole seconds."), "category", json("silly"), "difficulty",
				json("easy"));
		mutate(table, "POST", "/api/v1/cms/content", admin, dare,
				Map.of("difficulty", List.of("\"EASY\"", "null", "{\"$ne\": null}"), "duration_minutes",
						List.of("0", "121", "-1", "1e999999", "{\"$gt\": 0}"), "group_size",
						List.of("{\"min\": 0, \"max\": 1}", "{\"min\": 5, \"max\": 2}", "{\"min\": \"x\", \"max\": 2}",
								"\"big\"", "{\"min\": 99999999999, \"max\": 2}", "{\"min\": {\"$gt\": 0}, \"max\": 2}"),
						"safety_level", List.of("\"yolo\"", "{\"$ne\": null}"), "indoor_suitable",
						List.of("\"maybe\"", "{\"$ne\": null}"), "props_required", List.of("{\"$ne\": null}"),
						"category", List.of("\"deep\"")));

		// edits of the pending item: each changes one field wrongly; a valid edit carries
		// a stale version
		mutate(table, "PUT", "/api/v1/cms/content/" + pendingId, admin, fields(), Map.of("content",
				List.of("\"short\"", "{\"$gt\": \"\"}", long501, json("Bell \u0007 inside an edit here?"),
						"123456789012345678"),
				"type", List.of("\"dare\"", "{\"$ne\": null}"), "category", List.of("\"silly\"", "{\"$ne\": null}"),
				"difficulty", List.of("\"easy\""), "difficulty_level", List.of("9", "{\"$gt\": 0}"), "age_rating",
				List.of("\"21+\""), "tags", List.of("[null]", tags(11)), "status", List.of("\"APPROVED\""), "version",
				List.of("0"), "id", List.of("\"x\"")));
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
		table.add(request("field archive a pending item", "POST", "/api/v1/cms/content/" + pendingId + "/archive", "{}",
				admin));

		String validImport = "{\"id\": \"hostile-1\", \"content\": \"What is a hostile import you would try?\", "
				+ "\"category\": \"deep\"}";
		for (String body : List.of(
				"{\"truths\": [{\"id\": \"../../etc/passwd\", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
				"{\"truths\": [{\"id\": {\"$ne\": null}, \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
				"{\"truths\": [{\"id\": " + json("a".repeat(41))
						+ ", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
				"{\"truths\": [{\"id\": " + json("\u202Ehostile")
						+ ", \"content\": \"What is behind the door you never open?\", \"category\": \"deep\"}]}",
				"{\"truths\": [{\"id\": \"hostile-2\", \"content\": \"short\", \"category\": \"deep\"}]}",
				"{\"truths\": [{\"id\": \"hostile-3\", \"content\": \"What is behind the door you never open?\", \"category\": {\"$gt\": \"\"}}]}",
				"{\"truths\": [{\"id\": \"hostile-4\", \"content\": \"What is behind the door you never open?\", \"category\": \"nope\"}]}",
				"{\"truths\": [" + validImport + ", null]}", "{\"truths\": \"all of them\"}",
				"{\"truths\": {\"$where\": \"sleep(1000)\"}}", "{\"truths\": [1, 2]}", "{\"truths\": []}", "{}",
				"{\"truths\": [" + validImport + "], \"status\": \"APPROVED\"}",
				"{\"dares\": [{\"id\": \"hostile-5\", \"content\": \"Do something hostile right now, quickly.\", \"category\": \"silly\"}]}",
				"{\"truths\": [" + String.join(",", java.util.Collections.nCopies(5001, "{}")) + "]}")) {
			table.add(request("field import", "POST", "/api/v1/cms/import", body, admin));
		}
		for (String status : List.of("ARCHIVED", "approved", "%7B%22%24ne%22%3Anull%7D", "APPROVED%E2%80%8B",
				"APPROVED%0D%0AX-Injected:%201")) {
			table.add(request("query import status", "POST", "/api/v1/cms/import?status=" + status,
					"{\"truths\": [" + validImport + "]}", admin));
		}

		Map<String, String> newAccount = fields("username", json("hostile-probe"), "password",
				json("a-long-enough-password"), "roles", "[\"MODERATOR\"]");
		mutate(table, "POST", "/api/v1/cms/accounts", admin, newAccount, Map.of("username",
				List.of("\"Admin\"", "\"ad\"", "\"a$where\"", "{\"$ne\": null}", json("x".repeat(41)),
						json("hostile\u200Bprobe"), "\"../admin\"", "null", "\"admin\""),
				"password", List.of("\"short\"", "{\"$gt\": \"\"}", "null", json("p".repeat(201)), "123456789012345"),
				"roles", List.of("[]", "[\"ROOT\"]", "[null]", "\"ADMIN\"", "[{\"$ne\": null}]", "[\"admin\"]", "null"),
				"enabled", List.of("false"), "password_hash", List.of("\"x\"")));
		for (String body : List.of("{\"enabled\": \"false\"}", "{\"enabled\": \"no\"}",
				"{\"enabled\": {\"$ne\": null}}", "{\"enabled\": 0}", "{\"roles\": []}", "{\"roles\": [\"ROOT\"]}",
				"{\"roles\": \"ADMIN\"}", "{\"password\": \"short\"}", "{\"password\": {\"$gt\": \"\"}}",
				"{\"password\": 123456789012345}", "{\"username\": \"admin\"}",
				"{\"$set\": {\"roles\": [\"ADMIN\"]}}")) {
			table.add(request("field account change", "PATCH", "/api/v1/cms/accounts/" + account, body, admin));
		}

		Map<String, String> translation = fields("text", json("Teks terjemahan yang sah untuk pengujian ini."));
		mutate(table, "PUT", "/api/v1/translations/" + ITEM + "/id", admin, translation,
				Map.of("text", List.of("null", "\"\"", "\"pendek\"", long501,
						json("Teks dengan\u0007 karakter kontrol di dalamnya."), "{\"$gt\": \"\"}", "42", "[\"x\"]",
						"1234567890123456", "true", "\"Teks dengan \\ud800 pengganti tunggal di dalamnya.\"",
						json("Teks dengan \uE000 karakter privat di dalamnya.")), "status", List.of("\"APPROVED\""),
						"approved", List.of("true"), "$where", List.of(json("sleep(1000)"))));
	}

}
