package dev.truthordare.cms.content.quality;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds words of a configured list in a text, case-insensitively and on word boundaries,
 * also when disguised by l33t digits ("sh1t"), repeated letters ("shiiit"), inserted
 * punctuation ("s.h.i.t") or spacing ("s h i t").
 */
public final class BannedWords {

	private final Set<String> words;

	public BannedWords(List<String> words) {
		this.words = words.stream()
			.map(word -> word.strip().toLowerCase(Locale.ROOT))
			.filter(word -> !word.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	public boolean matches(String text) {
		if (words.isEmpty()) {
			return false;
		}
		for (String candidate : candidates(text)) {
			if (words.contains(candidate)) {
				return true;
			}
			String collapsed = collapseRepeats(candidate);
			// a repeated letter only counts as disguise when it was repeated beyond the
			// banned word's own spelling,
			// so "as" never matches a banned "ass" while "asss" does
			for (String word : words) {
				if (candidate.length() > word.length() && collapsed.equals(collapseRepeats(word))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Each whitespace-separated token de-l33ted and stripped of punctuation, plus runs of
	 * single letters joined.
	 */
	private static List<String> candidates(String text) {
		String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		List<String> tokens = new ArrayList<>();
		for (String raw : lower.split("\\s+")) {
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
				if (spelledOut.length() > 1) {
					candidates.add(spelledOut.toString());
				}
				spelledOut.setLength(0);
			}
		}
		if (spelledOut.length() > 1) {
			candidates.add(spelledOut.toString());
		}
		return candidates;
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
