package dev.truthordare.content.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.List;
import java.util.Map;

/**
 * The original API's answers, field for field: integer ids, and nothing a client of that
 * API did not read.
 */
final class LegacyViews {

	private LegacyViews() {
	}

	@JsonPropertyOrder({ "id", "type", "content", "category" })
	record TruthV1(int id, String type, String content, String category) {
	}

	@JsonPropertyOrder({ "id", "type", "content", "difficulty" })
	record DareV1(int id, String type, String content, String difficulty) {
	}

	@JsonPropertyOrder({ "id", "type", "content", "category", "tags", "difficulty_level", "age_rating", "language" })
	record TruthV2(int id, String type, String content, String category, List<String> tags, int difficultyLevel,
			String ageRating, String language) {
	}

	@JsonPropertyOrder({ "id", "type", "content", "difficulty", "tags", "difficulty_level", "age_rating", "language" })
	record DareV2(int id, String type, String content, String difficulty, List<String> tags, int difficultyLevel,
			String ageRating, String language) {
	}

	/**
	 * {@code GET /api/v1/game/random}: both fields always present, the one that does not
	 * apply {@code null}.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@JsonPropertyOrder({ "id", "type", "content", "category", "difficulty" })
	record Game(int id, String type, String content, String category, String difficulty) {
	}

	record HealthData(int totalTruths, int totalDares, int truthCategories, int dareDifficulties) {
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	@JsonPropertyOrder({ "status", "timestamp", "data", "categories", "difficulties", "error" })
	record Health(String status, String timestamp, HealthData data, Map<String, Integer> categories,
			Map<String, Integer> difficulties, String error) {
	}

	static Object item(boolean v2, ProjectedItem item) {
		ContentSnapshot s = item.snapshot();
		int id = s.legacyId();
		String language = s.language() == null ? "en" : s.language();
		// the original v2 migration's defaults for what an item may lack
		int level = s.difficultyLevel() == null ? 1 : s.difficultyLevel();
		String age = s.ageRating() == null ? "13+" : s.ageRating();
		List<String> tags = s.tags() == null ? List.of() : s.tags();
		if (s.type() == ContentType.TRUTH) {
			return v2 ? new TruthV2(id, "truth", s.content(), s.category(), tags, level, age, language)
					: new TruthV1(id, "truth", s.content(), s.category());
		}
		return v2 ? new DareV2(id, "dare", s.content(), s.difficulty(), tags, level, age, language)
				: new DareV1(id, "dare", s.content(), s.difficulty());
	}

	static Game game(ProjectedItem item) {
		ContentSnapshot s = item.snapshot();
		return s.type() == ContentType.TRUTH ? new Game(s.legacyId(), "truth", s.content(), s.category(), null)
				: new Game(s.legacyId(), "dare", s.content(), null, s.difficulty());
	}

}
