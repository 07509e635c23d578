package dev.truthordare.events;

import java.util.List;

/**
 * The allowed values of the content model (docs/architecture.md, "Content model"), in
 * display order. CMS validates against them and content-service filters and lists by
 * them, so both must read the same lists.
 */
public final class ContentVocabulary {

	public static final List<String> TRUTH_CATEGORIES = List.of("general", "funny", "deep", "relationships",
			"embarrassing");

	public static final List<String> DARE_CATEGORIES = List.of("physical", "social", "creative", "silly");

	public static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "extreme");

	/**
	 * Ordered from least to most restricted: an item fits a limit when its index is not
	 * above the limit's.
	 */
	public static final List<String> AGE_RATINGS = List.of("all", "13+", "18+");

	private ContentVocabulary() {
	}

}
