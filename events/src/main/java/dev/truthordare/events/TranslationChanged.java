package dev.truthordare.events;

/**
 * Value of {@link Topics#TRANSLATIONS}, keyed {@code contentId:lang}: a translation
 * became approved ({@code text} set) or was withdrawn ({@code text} null).
 */
public record TranslationChanged(String contentId, String language, String text, boolean approved, long sourceVersion) {

	public String key() {
		return contentId + ":" + language;
	}
}
