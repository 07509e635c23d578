package dev.truthordare.cms.content;

import java.util.ArrayList;
import java.util.List;

/**
 * The version a write's {@code If-Match} header requires, by RFC 9110 section 13.1.1:
 * {@code *} matches any existing item; otherwise only a strong entity tag equal to the
 * item's current one matches, so an empty header, a weak tag ({@code W/"3"}) or a
 * malformed one never does. Items have one version, so a list matches only when it names
 * one version.
 */
final class IfMatch {

	/** A version no item has: the write fails its precondition (412). */
	static final long NEVER = -1L;

	private IfMatch() {
	}

	/** Null when the write has no precondition (no header, or {@code *}). */
	static Long requiredVersion(String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (value.equals("*")) {
			return null;
		}
		List<Long> versions = new ArrayList<>();
		for (String tag : value.split(",", -1)) {
			Long version = strongVersion(tag.strip());
			if (version != null && !versions.contains(version)) {
				versions.add(version);
			}
		}
		return versions.size() == 1 ? versions.get(0) : NEVER;
	}

	private static Long strongVersion(String tag) {
		if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
			return null; // weak (W/"3"), unquoted or empty: never matches
		}
		String digits = tag.substring(1, tag.length() - 1);
		if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return Long.parseLong(digits);
	}

}
