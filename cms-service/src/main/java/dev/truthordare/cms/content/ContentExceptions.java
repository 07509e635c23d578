package dev.truthordare.cms.content;

import dev.truthordare.wordfilter.BannedWords;
import dev.truthordare.wordfilter.BidiControls;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.web.problem.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;

/**
 * What the content lifecycle refuses; each case carries the status and members of the
 * problem it answers with.
 */
public final class ContentExceptions {

	private ContentExceptions() {
	}

	public static class NotFound extends ApiProblem {

		NotFound(String id) {
			super(HttpStatus.NOT_FOUND, "No content item has id '" + id + "'.");
		}

	}

	public static class Invalid extends ApiProblem {

		private final List<Map<String, String>> errors;

		public Invalid(List<Map<String, String>> errors) {
			super(HttpStatus.BAD_REQUEST, "The content is not valid.");
			// each error as {"field", "message"} in that order, however the map was built
			this.errors = errors.stream().<Map<String, String>>map(TreeMap::new).toList();
			with("errors", this.errors);
		}

		public List<Map<String, String>> errors() {
			return errors;
		}

	}

	public static class IllegalTransition extends ApiProblem {

		private final ContentStatus current;

		private final List<String> allowedActions;

		IllegalTransition(String action, ContentStatus current, List<String> allowedActions) {
			super(HttpStatus.CONFLICT, "Cannot " + action + " an item that is " + current + "; allowed now: "
					+ (allowedActions.isEmpty() ? "none" : String.join(", ", allowedActions)) + ".");
			this.current = current;
			this.allowedActions = allowedActions;
			with("current_status", current);
			with("allowed_actions", allowedActions);
		}

		public ContentStatus current() {
			return current;
		}

		public List<String> allowedActions() {
			return allowedActions;
		}

	}

	public static class VersionMismatch extends ApiProblem {

		private final long currentVersion;

		VersionMismatch(long currentVersion) {
			super(HttpStatus.PRECONDITION_FAILED,
					"The item has changed since you read it (current version " + currentVersion + ").");
			this.currentVersion = currentVersion;
			with("current_version", currentVersion);
		}

		public long currentVersion() {
			return currentVersion;
		}

	}

	public static class Banned extends ApiProblem {

		Banned() {
			super(HttpStatus.UNPROCESSABLE_CONTENT,
					"The text contains a word that is not allowed (rule: banned_words).");
			with("rule", BannedWords.RULE);
		}

	}

	public static class BidiControl extends ApiProblem {

		BidiControl() {
			super(HttpStatus.UNPROCESSABLE_CONTENT,
					"The text contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069, U+200E,"
							+ " U+200F or U+061C), which can make it display other words than it holds"
							+ " (rule: bidi_controls).");
			with("rule", BidiControls.RULE);
		}

	}

	public static class Duplicate extends ApiProblem {

		private final String duplicateOf;

		private final double similarity;

		Duplicate(String duplicateOf, double similarity) {
			super(HttpStatus.CONFLICT, "The text is nearly the same as item '" + duplicateOf + "'.");
			this.duplicateOf = duplicateOf;
			this.similarity = similarity;
			with("duplicate_of", duplicateOf);
			with("similarity", Math.round(similarity * 1000) / 1000.0);
		}

		public String duplicateOf() {
			return duplicateOf;
		}

		public double similarity() {
			return similarity;
		}

	}

	/**
	 * A player's submission that repeats an item players cannot see (pending, flagged,
	 * rejected, archived): refused like any duplicate, without naming the hidden item.
	 */
	public static class HiddenDuplicate extends ApiProblem {

		public HiddenDuplicate() {
			super(HttpStatus.CONFLICT, "The text is nearly the same as an item that already exists.");
		}

	}

	public static class BadReason extends ApiProblem {

		BadReason(String detail) {
			super(HttpStatus.BAD_REQUEST, detail);
			with("allowed_reason_codes", ReasonCode.names());
		}

	}

	/** A chosen legacy number is held by another item of the same type. */
	public static class LegacyNumberTaken extends RuntimeException {

		LegacyNumberTaken(dev.truthordare.events.ContentType type, int number) {
			super(type.wireName() + " " + number + " is already the legacy id of another item.");
		}

	}

}
