package dev.truthordare.cms.content.quality;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bannedWords words refused anywhere in content (comma-separated in
 * {@code CMS_BANNED_WORDS})
 * @param duplicateThreshold Jaccard similarity at or above which a new text duplicates an
 * existing item
 */
@ConfigurationProperties("cms.validation")
public record QualityProperties(List<String> bannedWords, double duplicateThreshold) {

	public QualityProperties {
		bannedWords = bannedWords == null ? List.of() : List.copyOf(bannedWords);
	}
}
