package dev.truthordare.wordfilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds words of a configured list in a text, in any script, on word boundaries. Both the
 * list and the text are folded by {@link TextFolding} first (case, compatibility forms,
 * accents, look-alike letters of other scripts), and the matcher then sees through l33t
 * digits ("sh1t"), repeated letters ("shiiit"), inserted punctuation ("s.h.i.t"), spaced
 * letters ("s h i t") and simple inflections (-s, -es, -ed, -ing, -er, -ers, with a
 * doubled final consonant or a dropped final e: "shitting", "whored").
 * <p>
 * Only whole words match, so ordinary words that contain a banned one ("Scunthorpe",
 * "assessment", "classic") pass. Words on the allowed list are never refused: that is
 * where an ordinary word that happens to look like an inflection of a banned one goes
 * ("darning" for a banned "darn").
 */
public final class BannedWords {

	/** The rule name problems carry when a text is refused for a banned word. */
	public static final String RULE = "banned_words";

	private static final List<String> SUFFIXES = List.of("ings", "ing", "ers", "er", "ed", "es", "s");

	private static final int MIN_STEM = 3;

	/** Longer runs of single letters are cut: no banned word is longer. */
	private static final int MAX_RUN = 40;

	private final Set<String> words;

	private final Set<String> collapsedWords;

	private final Set<String> allowed;

	public BannedWords(Collection<String> words) {
		this(words, List.of());
	}

	public BannedWords(Collection<String> words, Collection<String> allowed) {
		this.words = folded(words);
		this.collapsedWords = this.words.stream().map(BannedWords::collapseRepeats).collect(Collectors.toSet());
		this.allowed = folded(allowed);
	}

	/** Whether the text contains a banned word in any of the forms above. */
	public boolean matches(String text) {
		if (words.isEmpty() || text == null) {
			return false;
		}
		for (String candidate : candidates(text)) {
			if (!allowed.contains(candidate) && stems(candidate).stream().anyMatch(this::isBanned)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A repeated letter only counts as disguise when it was repeated beyond the banned
	 * word's own spelling, so "as" never matches a banned "ass" while "asss" does.
	 */
	private boolean isBanned(String stem) {
		if (words.contains(stem)) {
			return true;
		}
		String collapsed = collapseRepeats(stem);
		return collapsedWords.contains(collapsed) && words.stream()
			.anyMatch(word -> stem.length() > word.length() && collapsed.equals(collapseRepeats(word)));
	}

	/** The candidate and what it would be without one simple inflection. */
	private static List<String> stems(String candidate) {
		List<String> stems = new ArrayList<>(4);
		stems.add(candidate);
		for (String suffix : SUFFIXES) {
			if (candidate.endsWith(suffix) && candidate.length() - suffix.length() >= MIN_STEM) {
				String stem = candidate.substring(0, candidate.length() - suffix.length());
				stems.add(stem);
				stems.add(stem + "e");
				int last = stem.length() - 1;
				if (stem.charAt(last) == stem.charAt(last - 1)) {
					stems.add(stem.substring(0, last));
				}
			}
		}
		return stems;
	}

	/**
	 * Each whitespace-separated token de-l33ted and stripped of everything but letters,
	 * plus runs of single letters joined.
	 */
	private static List<String> candidates(String text) {
		List<String> tokens = new ArrayList<>();
		for (String raw : TextFolding.fold(text).split("\\s+")) {
			String token = unleet(raw).replaceAll("[^\\p{L}]", "");
			if (!token.isEmpty()) {
				tokens.add(token);
			}
		}
		List<String> candidates = new ArrayList<>(tokens);
		StringBuilder spelledOut = new StringBuilder();
		for (String token : tokens) {
			if (token.length() == 1) {
				spelledOut.append(token);
			}
			else {
				addSpelledOut(candidates, spelledOut);
			}
		}
		addSpelledOut(candidates, spelledOut);
		return candidates;
	}

	/**
	 * Every stretch of two or more letters of a run of single letters: "a s h i t" holds
	 * "shit" after the article.
	 */
	private static void addSpelledOut(List<String> candidates, StringBuilder spelledOut) {
		String run = spelledOut.length() > MAX_RUN ? spelledOut.substring(0, MAX_RUN) : spelledOut.toString();
		for (int start = 0; start < run.length() - 1; start++) {
			for (int end = start + 2; end <= run.length(); end++) {
				candidates.add(run.substring(start, end));
			}
		}
		spelledOut.setLength(0);
	}

	private static Set<String> folded(Collection<String> words) {
		return words.stream()
			.filter(word -> word != null && !word.isBlank())
			.map(word -> TextFolding.fold(word.strip()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static String unleet(String token) {
		StringBuilder out = new StringBuilder(token.length());
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			out.append(switch (c) {
				case '0' -> 'o';
				case '1', '!', '|' -> 'i';
				case '3' -> 'e';
				case '4', '@' -> 'a';
				case '5', '$' -> 's';
				case '7', '+' -> 't';
				case '8' -> 'b';
				case '9' -> 'g';
				default -> c;
			});
		}
		return out.toString();
	}

	private static String collapseRepeats(String word) {
		StringBuilder out = new StringBuilder(word.length());
		for (int i = 0; i < word.length(); i++) {
			if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
				out.append(word.charAt(i));
			}
		}
		return out.toString();
	}

}
