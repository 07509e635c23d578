package dev.truthordare.translation.translations;

import dev.truthordare.wordfilter.BannedWords;
import dev.truthordare.wordfilter.BidiControls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The word filter CMS applies to source texts, applied to translations: bidi controls
 * refused, and the shared list plus the target language's own list matched in any script
 * and inflection (module {@code word-filter}).
 */
@Component
@EnableConfigurationProperties(TextFilterProperties.class)
public class TextFilter {

	private final Map<String, BannedWords> byLanguage;

	private final BannedWords everywhere;

	TextFilter(TextFilterProperties properties) {
		this.everywhere = new BannedWords(properties.bannedWords(), properties.allowedWords());
		this.byLanguage = properties.bannedWordsByLanguage()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> {
				List<String> words = new ArrayList<>(properties.bannedWords());
				words.addAll(entry.getValue());
				return new BannedWords(words, properties.allowedWords());
			}));
	}

	/** Throws a 422 problem naming the rule when the text breaks one. */
	void check(String lang, String text) {
		if (BidiControls.firstIn(text).isPresent()) {
			throw new TranslationProblems.RefusedText(BidiControls.RULE,
					"text contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F"
							+ " or U+061C), which can make it display other words than it holds.");
		}
		if (byLanguage.getOrDefault(lang, everywhere).matches(text)) {
			throw new TranslationProblems.RefusedText(BannedWords.RULE, "text contains a word that is not allowed.");
		}
	}

}
