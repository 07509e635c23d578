package dev.truthordare.cms.content.quality;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text to the form used to compare items and to search: case, contractions,
 * punctuation and spacing go.
 */
public final class TextNormalizer {

	private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018`\u00b4]");

	private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");

	private TextNormalizer() {
	}

	public static String forComparison(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		folded = APOSTROPHES.matcher(folded).replaceAll("'");
		folded = folded.replace("won't", "will not")
			.replace("can't", "cannot")
			.replace("n't", " not")
			.replace("'re", " are")
			.replace("'ve", " have")
			.replace("'ll", " will")
			.replace("'m", " am")
			.replace("'d", " would")
			.replace("what's", "what is")
			.replace("who's", "who is")
			.replace("where's", "where is")
			.replace("that's", "that is")
			.replace("it's", "it is")
			.replace("there's", "there is")
			.replace("here's", "here is")
			.replace("how's", "how is");
		return NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll(" ").strip();
	}

}
