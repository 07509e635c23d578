package dev.truthordare.wordfilter;

import java.util.OptionalInt;

/**
 * The invisible characters that reorder how text is displayed (Unicode's explicit
 * directional embeddings, overrides and isolates, and the implicit marks). Content never
 * needs them, and with them a text can display a word that its stored characters do not
 * spell ("\u202Etihs" shows as "shit"), so content containing one is refused rather than
 * cleaned.
 */
public final class BidiControls {

	/** The rule name problems carry when content is refused for one of these. */
	public static final String RULE = "bidi_controls";

	private BidiControls() {
	}

	/** The first bidi control character in the text, if any. */
	public static OptionalInt firstIn(String text) {
		return text == null ? OptionalInt.empty() : text.codePoints().filter(BidiControls::isBidiControl).findFirst();
	}

	public static boolean isBidiControl(int codePoint) {
		return codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069
				|| codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
	}

}
