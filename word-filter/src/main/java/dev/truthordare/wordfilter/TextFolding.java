package dev.truthordare.wordfilter;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds text so that what looks alike compares alike, in any script: NFKC with full case
 * folding (which also drops invisible default-ignorable characters such as zero-width
 * spaces and soft hyphens), then combining marks stripped ("shït", "s̈hit" → "shit"),
 * then every non-ASCII letter replaced by its Unicode TS #39 confusable skeleton (ICU4J's
 * {@link SpoofChecker}): Cyrillic "ѕһіt" folds to "shit".
 * <p>
 * ASCII is kept as it is: TS #39 also folds Latin sequences that merely look alike at a
 * glance ("rn" → "m", "l" and "I"), which would make ordinary words ("dam") match banned
 * ones ("darn"). Digits used as letters are handled by {@link BannedWords}.
 */
public final class TextFolding {

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

	private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

	private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

	/** Skeletons of the code points seen so far: a few hundred at most in practice. */
	private static final Map<Integer, String> SKELETON_OF = new ConcurrentHashMap<>();

	private static final int MAX_CACHED = 10_000;

	private TextFolding() {
	}

	public static String fold(String text) {
		String decomposed = NFD.normalize(NFKC_CASEFOLD.normalize(text));
		StringBuilder out = new StringBuilder(decomposed.length());
		decomposed.codePoints().forEach(codePoint -> {
			if (codePoint < 0x80) {
				out.append((char) codePoint);
			}
			else if (!isMark(codePoint)) {
				out.append(skeleton(codePoint));
			}
		});
		return out.toString();
	}

	private static String skeleton(int codePoint) {
		String cached = SKELETON_OF.get(codePoint);
		if (cached != null) {
			return cached;
		}
		String skeleton = withoutMarks(
				NFKC_CASEFOLD.normalize(SKELETONS.getSkeleton(Character.toString(codePoint))).toLowerCase(Locale.ROOT));
		if (SKELETON_OF.size() < MAX_CACHED) {
			SKELETON_OF.put(codePoint, skeleton);
		}
		return skeleton;
	}

	private static String withoutMarks(String text) {
		StringBuilder out = new StringBuilder(text.length());
		NFD.normalize(text).codePoints().filter(codePoint -> !isMark(codePoint)).forEach(out::appendCodePoint);
		return out.toString();
	}

	private static boolean isMark(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

}
