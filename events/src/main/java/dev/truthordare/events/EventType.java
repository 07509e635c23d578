package dev.truthordare.events;

import java.util.List;
import java.util.Optional;

/** Binds a topic to the record type of its values and its CloudEvents {@code ce_type}. */
public record EventType<T>(String topic, Class<T> valueType, String cloudEventType) {

	public static final EventType<ContentSnapshot> CONTENT_SNAPSHOT = new EventType<>(Topics.CMS_CONTENT,
			ContentSnapshot.class, "dev.truthordare.cms.content.snapshot.v1");

	public static final EventType<ModerationDecision> MODERATION_DECISION = new EventType<>(Topics.CMS_MODERATION,
			ModerationDecision.class, "dev.truthordare.cms.moderation.decision.v1");

	public static final EventType<RatingSummary> RATING_SUMMARY = new EventType<>(Topics.RATINGS_SUMMARY,
			RatingSummary.class, "dev.truthordare.ratings.summary.v1");

	public static final EventType<ContentReported> CONTENT_REPORTED = new EventType<>(Topics.RATINGS_REPORTS,
			ContentReported.class, "dev.truthordare.ratings.report.v1");

	public static final EventType<TranslationChanged> TRANSLATION_CHANGED = new EventType<>(Topics.TRANSLATIONS,
			TranslationChanged.class, "dev.truthordare.translations.changed.v1");

	public static final EventType<AccountState> ACCOUNT_STATE = new EventType<>(Topics.CMS_ACCOUNTS, AccountState.class,
			"dev.truthordare.cms.account.state.v1");

	public static final EventType<FlagState> FLAG_STATE = new EventType<>(Topics.FLAGS, FlagState.class,
			"dev.truthordare.flags.state.v1");

	public static final List<EventType<?>> ALL = List.of(CONTENT_SNAPSHOT, MODERATION_DECISION, RATING_SUMMARY,
			CONTENT_REPORTED, TRANSLATION_CHANGED, ACCOUNT_STATE, FLAG_STATE);

	/** The event type of a topic or of its dead-letter topic. */
	public static Optional<EventType<?>> forTopic(String topic) {
		String base = topic.endsWith(Topics.DEAD_LETTER_SUFFIX)
				? topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length()) : topic;
		return ALL.stream().filter(type -> type.topic().equals(base)).findFirst();
	}
}
