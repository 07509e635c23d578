package dev.truthordare.translation.translations;

import dev.truthordare.web.problem.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** What the translation workflow refuses, each answered as its own problem. */
final class TranslationProblems {

	private TranslationProblems() {
	}

	static class UnknownItem extends ApiProblem {

		UnknownItem(String contentId) {
			super(HttpStatus.NOT_FOUND, "No item '" + contentId + "' is known to translation-service.");
		}

	}

	static class NotATargetLanguage extends ApiProblem {

		NotATargetLanguage(String lang, boolean source, List<String> targets) {
			super(HttpStatus.BAD_REQUEST,
					source ? "English is the source language: change the item's text in CMS instead."
							: "Unsupported language '" + lang + "'.");
			with("allowed_values", targets);
		}

	}

	static class NothingToApprove extends ApiProblem {

		NothingToApprove(String contentId, String lang, TranslationStatus status) {
			super(HttpStatus.CONFLICT,
					"There is no " + lang + " draft of '" + contentId + "' to approve; save one with PUT first.");
			with("status", status);
		}

	}

	static class InvalidText extends ApiProblem {

		InvalidText(String detail) {
			super(HttpStatus.BAD_REQUEST, detail);
			with("field", "text");
		}

	}

	/** A text that breaks a rule of the word filter; names the rule, never the word. */
	static class RefusedText extends ApiProblem {

		RefusedText(String rule, String detail) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "The translation's " + detail + " (rule: " + rule + ")");
			with("field", "text");
			with("rule", rule);
		}

	}

	static class ConcurrentChange extends ApiProblem {

		ConcurrentChange(String contentId, String lang) {
			super(HttpStatus.CONFLICT, "The " + lang + " translation of '" + contentId
					+ "' was changed concurrently; reload it and try again.");
		}

	}

}
