package dev.truthordare.events;

import java.time.Duration;
import java.util.List;

/**
 * Topic names and their retention (docs/architecture.md, "Events"). Every producer,
 * consumer and the local stack use these.
 */
public final class Topics {

	public static final String CMS_CONTENT = "cms.content.v1";

	public static final String CMS_MODERATION = "cms.moderation.v1";

	public static final String RATINGS_SUMMARY = "ratings.summary.v1";

	public static final String RATINGS_REPORTS = "ratings.reports.v1";

	public static final String TRANSLATIONS = "translations.v1";

	/**
	 * The state of every CMS account that matters to token checks, keyed by username;
	 * compacted, so a reader from the beginning learns every account's latest state.
	 */
	public static final String CMS_ACCOUNTS = "cms.accounts.v1";

	/**
	 * Every feature flag's whole state ({@link FlagState}), keyed by flag key; compacted,
	 * so a reader from the beginning learns every flag's latest state.
	 */
	public static final String FLAGS = "flags.v1";

	/**
	 * Suffix of the dead-letter topic that receives records a consumer could not handle
	 * after bounded retries.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	public enum Cleanup {

		COMPACT, DELETE

	}

	/**
	 * @param retention {@code null} means the broker default
	 */
	public record TopicSpec(String name, Cleanup cleanup, Duration retention) {
		public String deadLetterTopic() {
			return name + DEAD_LETTER_SUFFIX;
		}
	}

	public static final List<TopicSpec> ALL = List.of(new TopicSpec(CMS_CONTENT, Cleanup.COMPACT, null),
			new TopicSpec(CMS_MODERATION, Cleanup.DELETE, Duration.ofDays(7)),
			new TopicSpec(RATINGS_SUMMARY, Cleanup.COMPACT, null), new TopicSpec(RATINGS_REPORTS, Cleanup.DELETE, null),
			new TopicSpec(TRANSLATIONS, Cleanup.COMPACT, null), new TopicSpec(CMS_ACCOUNTS, Cleanup.COMPACT, null),
			new TopicSpec(FLAGS, Cleanup.COMPACT, null));

	private Topics() {
	}

}
