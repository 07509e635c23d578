package dev.truthordare.cms.importing;

import dev.truthordare.cms.content.ContentDraft;
import dev.truthordare.cms.content.ContentItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A re-imported item changes only the fields its file gives: a v1 file (id, content,
 * category) leaves the tags and age rating a v2 file or a moderator set alone.
 */
final class ImportMerge {

	private record Field(Function<ContentDraft, Object> fromDraft, Function<ContentItem, Object> fromItem) {
	}

	private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

	static {
		FIELDS.put("content", new Field(ContentDraft::content, ContentItem::getContent));
		FIELDS.put("language", new Field(ContentDraft::language, ContentItem::getLanguage));
		FIELDS.put("category", new Field(ContentDraft::category, ContentItem::getCategory));
		FIELDS.put("difficulty", new Field(ContentDraft::difficulty, ContentItem::getDifficulty));
		FIELDS.put("difficulty_level", new Field(ContentDraft::difficultyLevel, ContentItem::getDifficultyLevel));
		FIELDS.put("age_rating", new Field(ContentDraft::ageRating, ContentItem::getAgeRating));
		FIELDS.put("tags", new Field(ContentDraft::tags, ContentItem::getTags));
		FIELDS.put("duration_minutes", new Field(ContentDraft::durationMinutes, ContentItem::getDurationMinutes));
		FIELDS.put("props_required", new Field(ContentDraft::propsRequired, ContentItem::getPropsRequired));
		FIELDS.put("indoor_suitable", new Field(ContentDraft::indoorSuitable, ContentItem::getIndoorSuitable));
		FIELDS.put("outdoor_suitable", new Field(ContentDraft::outdoorSuitable, ContentItem::getOutdoorSuitable));
		FIELDS.put("group_size", new Field(ContentDraft::groupSize, ContentItem::getGroupSize));
		FIELDS.put("safety_level", new Field(ContentDraft::safetyLevel, ContentItem::getSafetyLevel));
	}

	private ImportMerge() {
	}

	@SuppressWarnings("unchecked")
	static ContentDraft over(ContentItem item, ContentDraft file, Set<String> given) {
		Function<String, Object> pick = name -> given.contains(name) ? FIELDS.get(name).fromDraft().apply(file)
				: FIELDS.get(name).fromItem().apply(item);
		return new ContentDraft(item.getType().wireName(), (String) pick.apply("content"),
				(String) pick.apply("language"), (String) pick.apply("category"), (String) pick.apply("difficulty"),
				(Integer) pick.apply("difficulty_level"), (String) pick.apply("age_rating"),
				(List<String>) pick.apply("tags"), (Integer) pick.apply("duration_minutes"),
				(List<String>) pick.apply("props_required"), (Boolean) pick.apply("indoor_suitable"),
				(Boolean) pick.apply("outdoor_suitable"),
				(dev.truthordare.events.ContentSnapshot.GroupSize) pick.apply("group_size"),
				(String) pick.apply("safety_level"));
	}

	/**
	 * The given fields whose (validated, normalised) value differs from the item's, in a
	 * stable order.
	 */
	static List<String> changedFields(ContentItem item, ContentDraft normalised, Set<String> given) {
		List<String> changed = new ArrayList<>();
		FIELDS.forEach((name, field) -> {
			if (given.contains(name)
					&& !Objects.equals(field.fromDraft().apply(normalised), field.fromItem().apply(item))) {
				changed.add(name);
			}
		});
		return changed;
	}

}
