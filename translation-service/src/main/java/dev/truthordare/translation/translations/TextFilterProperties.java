package dev.truthordare.translation.translations;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bannedWords refused in translations into every language
 * ({@code TRANSLATION_BANNED_WORDS})
 * @param bannedWordsByLanguage refused in translations into one language, by its code
 * ({@code TRANSLATION_BANNED_WORDS_ID}, {@code _ES}, {@code _FR}, {@code _DE},
 * {@code _PT}, {@code _BN}, {@code _HI}, {@code _TL})
 * @param allowedWords ordinary words never refused although they look like an inflection
 * of a banned one ({@code TRANSLATION_ALLOWED_WORDS})
 */
@ConfigurationProperties("translation.text-filter")
public record TextFilterProperties(List<String> bannedWords, Map<String, List<String>> bannedWordsByLanguage,
		List<String> allowedWords) {

	public TextFilterProperties {
		bannedWords = bannedWords == null ? List.of() : List.copyOf(bannedWords);
		bannedWordsByLanguage = bannedWordsByLanguage == null ? Map.of() : Map.copyOf(bannedWordsByLanguage);
		allowedWords = allowedWords == null ? List.of() : List.copyOf(allowedWords);
	}

}
