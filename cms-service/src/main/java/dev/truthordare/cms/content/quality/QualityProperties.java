package dev.truthordare.cms.content.quality;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bannedWords words refused anywhere in content (comma-separated in
 * {@code CMS_BANNED_WORDS}), matched in any script and inflection
 * @param allowedWords ordinary words never refused although they look like an inflection
 * of a banned one (comma-separated in {@code CMS_ALLOWED_WORDS})
 * @param duplicateThreshold Jaccard similarity at or above which a new text duplicates an
 * existing item
 */
@ConfigurationProperties("cms.validation")
public record QualityProperties(List<String> bannedWords, List<String> allowedWords, double duplicateThreshold) {

	public QualityProperties {
		bannedWords = bannedWords == null ? List.of() : List.copyOf(bannedWords);
		allowedWords = allowedWords == null ? List.of() : List.copyOf(allowedWords);
	}
}
