package dev.truthordare.cms.importing;

import dev.truthordare.cms.content.ContentDraft;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the original API's {@code truths.json} / {@code dares.json} as they are on disk:
 * the {@code {"truths": [...], "dares": [...]}} envelope or one bare array of a given
 * type; integer or string ids; v1 items ({@code id, content, category | difficulty}) and
 * v2 items (plus {@code tags, difficulty_level, age_rating,
 * language}, the dare details, and the migration script's
 * {@code created_at, updated_at, is_active, usage_count,
 * rating}), mixed as they come. Strict all the same: any other field, or a value of the
 * wrong JSON type, is a problem of that item, reported with its index and id instead of
 * failing the whole body at the first one.
 *
 * <p>
 * Just over 300 lines: one reader per field of the original formats, each with its own
 * refusal text; splitting them would scatter one file format over several classes.
 */
final class LegacyFile {

	/**
	 * One item of the file, its problems if it has any, and the draft fields it actually
	 * gave.
	 */
	record SourceItem(ContentType type, int index, Object legacyId, Integer number, String key, ContentDraft draft,
			Set<String> given, boolean inactive, List<Map<String, String>> problems) {
	}

	static final int MAX_ITEMS = 5_000;

	private static final Pattern STRING_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

	private static final Pattern NUMERIC_ID = Pattern.compile("0*([1-9][0-9]{0,8})");

	/**
	 * What the original files carry beyond the draft's fields: read, checked for type,
	 * not kept.
	 */
	private static final Set<String> IGNORED = Set.of("created_at", "updated_at", "usage_count", "rating");

	private LegacyFile() {
	}

	static List<SourceItem> read(JsonNode body, String typeParameter) {
		List<SourceItem> items = new ArrayList<>();
		if (body != null && body.isObject()) {
			if (typeParameter != null) {
				throw new ImportService.BadImport(
						"?type= is for a bare array; this body is an envelope with " + "'truths' and/or 'dares'.");
			}
			for (String member : body.propertyNames()) {
				if (!member.equals("truths") && !member.equals("dares")) {
					throw new ImportService.BadImport("Unknown member '" + abbreviate(member)
							+ "': an import envelope has 'truths' and/or 'dares'.");
				}
			}
			readArray(ContentType.TRUTH, body.get("truths"), "truths", items);
			readArray(ContentType.DARE, body.get("dares"), "dares", items);
		}
		else if (body != null && body.isArray()) {
			if (typeParameter == null) {
				throw new ImportService.BadImport("A bare array needs ?type=truth or ?type=dare.");
			}
			ContentType type = switch (typeParameter) {
				case "truth" -> ContentType.TRUTH;
				case "dare" -> ContentType.DARE;
				default -> throw new ImportService.BadImport("type must be truth or dare.");
			};
			readArray(type, body, "the array", items);
		}
		else {
			throw new ImportService.BadImport("The body must be the original truths.json or dares.json (a JSON array,"
					+ " with ?type=) or an object with 'truths' and/or 'dares'.");
		}
		if (items.isEmpty()) {
			throw new ImportService.BadImport("Nothing to import: give 'truths' and/or 'dares'.");
		}
		return items;
	}

	private static void readArray(ContentType type, JsonNode array, String name, List<SourceItem> items) {
		if (array == null || array.isNull()) {
			return;
		}
		if (!array.isArray()) {
			throw new ImportService.BadImport("'" + name + "' must be an array of items.");
		}
		if (items.size() + array.size() > MAX_ITEMS) {
			throw new ImportService.BadImport("At most " + MAX_ITEMS + " items per import.");
		}
		for (int index = 0; index < array.size(); index++) {
			items.add(readItem(type, index, array.get(index)));
		}
	}

	private static SourceItem readItem(ContentType type, int index, JsonNode node) {
		Fields fields = new Fields(node);
		if (!node.isObject()) {
			fields.problem("item", "must be an object");
			return new SourceItem(type, index, null, null, null, null, Set.of(), false, fields.problems);
		}
		Object legacyId = null;
		Integer number = null;
		String key = null;
		JsonNode id = node.get("id");
		if (id == null || id.isNull()) {
			fields.problem("id", "is required: the item's id in the original file");
		}
		else if (id.isIntegralNumber()) {
			legacyId = id.numberValue();
			if (id.canConvertToInt() && id.intValue() >= 1 && id.intValue() < 1_000_000_000) {
				number = id.intValue();
			}
			else {
				fields.problem("id", "must be a positive integer below 10^9, or a string");
			}
		}
		else if (id.isString()) {
			String text = id.stringValue();
			legacyId = text;
			var numeric = NUMERIC_ID.matcher(text);
			if (numeric.matches()) {
				number = Integer.valueOf(numeric.group(1));
			}
			else if (text.matches("[0-9]+")) {
				fields.problem("id", "a numeric id must be a positive integer below 10^9");
			}
			else if (STRING_ID.matcher(text).matches()) {
				key = type.wireName() + ":" + text;
			}
			else {
				fields.problem("id", "must be 1–40 letters, digits, '_' or '-'");
			}
		}
		else {
			fields.problem("id", "must be an integer or a string");
		}
		if (number != null) {
			key = type.wireName() + ":" + number;
		}
		String declaredType = fields.text("type");
		if (declaredType != null && !declaredType.equals(type.wireName())) {
			fields.problem("type", "is '" + abbreviate(declaredType) + "' in the " + type.wireName() + "s");
		}
		ContentDraft draft = new ContentDraft(type.wireName(), fields.text("content"), fields.text("language"),
				fields.text("category"), fields.text("difficulty"), fields.integer("difficulty_level"),
				fields.text("age_rating"), fields.texts("tags"), fields.integer("duration_minutes"),
				fields.texts("props_required"), fields.bool("indoor_suitable"), fields.bool("outdoor_suitable"),
				fields.groupSize(), fields.text("safety_level"));
		Boolean active = fields.bool("is_active");
		fields.checkIgnored();
		fields.refuseUnknown();
		return new SourceItem(type, index, legacyId, number, key, draft, fields.given, Boolean.FALSE.equals(active),
				fields.problems);
	}

	static String abbreviate(String value) {
		return value.length() <= 40 ? value : value.substring(0, 40) + "…";
	}

	/**
	 * Typed access to one item's members, collecting every problem rather than stopping
	 * at the first.
	 */
	private static final class Fields {

		private final JsonNode node;

		private final Set<String> read = new LinkedHashSet<>(Set.of("id", "type", "is_active"));

		private final Set<String> given = new LinkedHashSet<>();

		private final List<Map<String, String>> problems = new ArrayList<>();

		Fields(JsonNode node) {
			this.node = node;
		}

		private JsonNode value(String name) {
			read.add(name);
			JsonNode value = node.get(name);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!name.equals("type") && !name.equals("is_active")) {
				given.add(name);
			}
			return value;
		}

		String text(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isString()) {
				problem(name, "must be a string");
				return null;
			}
			return value.stringValue();
		}

		Integer integer(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isIntegralNumber() || !value.canConvertToInt()) {
				problem(name, "must be an integer");
				return null;
			}
			return value.intValue();
		}

		Boolean bool(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isBoolean()) {
				problem(name, "must be true or false");
				return null;
			}
			return value.booleanValue();
		}

		List<String> texts(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			List<String> texts = new ArrayList<>();
			if (value.isArray()) {
				for (JsonNode element : value) {
					if (!element.isString()) {
						problem(name, "must be an array of strings");
						return null;
					}
					texts.add(element.stringValue());
				}
				return texts;
			}
			problem(name, "must be an array of strings");
			return null;
		}

		ContentSnapshot.GroupSize groupSize() {
			JsonNode value = value("group_size");
			if (value == null) {
				return null;
			}
			JsonNode min = value.get("min");
			JsonNode max = value.get("max");
			if (!value.isObject() || value.size() != 2 || min == null || max == null || !min.isIntegralNumber()
					|| !max.isIntegralNumber() || !min.canConvertToInt() || !max.canConvertToInt()) {
				problem("group_size", "must be {\"min\": integer, \"max\": integer}");
				return null;
			}
			return new ContentSnapshot.GroupSize(min.intValue(), max.intValue());
		}

		void checkIgnored() {
			for (String name : IGNORED) {
				read.add(name);
				JsonNode value = node.get(name);
				if (value == null || value.isNull()) {
					continue;
				}
				boolean fits = switch (name) {
					case "usage_count" -> value.isIntegralNumber();
					case "rating" -> value.isObject();
					default -> value.isString();
				};
				if (!fits) {
					problem(name, name.equals("usage_count") ? "must be an integer"
							: name.equals("rating") ? "must be an object" : "must be a string");
				}
			}
		}

		void refuseUnknown() {
			for (String name : node.propertyNames()) {
				if (!read.contains(name)) {
					problem(abbreviate(name), "is not a field of the original format");
				}
			}
		}

		void problem(String field, String message) {
			Map<String, String> problem = new LinkedHashMap<>();
			problem.put("field", field);
			problem.put("message", message);
			problems.add(problem);
		}

	}

}
