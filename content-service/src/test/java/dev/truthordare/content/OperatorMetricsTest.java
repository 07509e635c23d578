package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from content-service for the SLO "99 % of moderation decisions
 * served within 5 s" (infra/prometheus): a decision counts once it is served, in the
 * buckets of its delay; a decision older than the instance (catch-up at start) does not.
 * And what an operator reads beside it: servable items per type and age rating,
 * translation fallbacks per language.
 */
class OperatorMetricsTest extends ContentServiceTestBase {

	@Test
	void aDecisionTakenWhileRunningIsMeasuredUntilServedAndCatchUpIsNot() {
		double servedBefore = delay("content_projection_delay_seconds_count", "REJECTED");
		double fastBefore = delay("content_projection_delay_seconds_bucket", "REJECTED", "5.0");

		publish(rejected("t-metric-old", Instant.EPOCH));
		publish(rejected("t-metric-new", Instant.now()));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> delay("content_projection_delay_seconds_count", "REJECTED") >= servedBefore + 1);
		assertThat(delay("content_projection_delay_seconds_count", "REJECTED")).isEqualTo(servedBefore + 1);
		assertThat(delay("content_projection_delay_seconds_bucket", "REJECTED", "5.0")).isEqualTo(fastBefore + 1);
		assertThat(http().get().uri("/actuator/prometheus").retrieve().body(String.class))
			.contains("content_projection_delay_seconds_bucket{status=\"APPROVED\",le=\"5.0\"}");
	}

	@Test
	void servableItemsAreCountedPerTypeUpToEachAgeRating() {
		double allBefore = scrape("content_servable_items", "max_age_rating=\"all\",type=\"truth\"");
		double adultBefore = scrape("content_servable_items", "max_age_rating=\"18+\",type=\"truth\"");
		double daresBefore = scrape("content_servable_items", "max_age_rating=\"18+\",type=\"dare\"");

		publish(truth("t-metric-all", "general", ContentStatus.APPROVED, 1, "all"));
		publish(truth("t-metric-adult", "general", ContentStatus.APPROVED, 1, "18+"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> scrape("content_servable_items", "max_age_rating=\"18+\",type=\"truth\"") == adultBefore + 2);
		assertThat(scrape("content_servable_items", "max_age_rating=\"all\",type=\"truth\"")).isEqualTo(allBefore + 1);
		assertThat(scrape("content_servable_items", "max_age_rating=\"18+\",type=\"dare\"")).isEqualTo(daresBefore);
	}

	@Test
	void answersInEnglishForAnotherLanguageAreCountedPerLanguage() {
		double before = scrape("content_translation_fallbacks_total", "lang=\"id\"");
		double unsupportedBefore = scrape("content_translation_fallbacks_total", "lang=\"unsupported\"");

		// t-deep-01 has an approved Indonesian text; t-approved-1 has none
		assertThat(get("/api/v2/truths/t-deep-01?lang=id").getBody().path("translation_fallback").asBoolean())
			.isFalse();
		assertThat(get("/api/v2/truths/t-approved-1?lang=id").getBody().path("translation_fallback").asBoolean())
			.isTrue();
		assertThat(get("/api/v2/truths/t-approved-1?lang=xx").getBody().path("translation_fallback").asBoolean())
			.isTrue();

		assertThat(scrape("content_translation_fallbacks_total", "lang=\"id\"")).isEqualTo(before + 1);
		assertThat(scrape("content_translation_fallbacks_total", "lang=\"unsupported\""))
			.isEqualTo(unsupportedBefore + 1);
	}

	/**
	 * The DeadLettersGrowing alert reads the Kafka producer's per-topic send counter,
	 * which Micrometer binds at its next look at the client's metrics (every minute)
	 * after the first record to a topic.
	 */
	@Test
	void aRecordThatCannotBeReadIsCountedOnItsDeadLetterTopic() {
		double before = scrape("kafka_producer_topic_record_send_total", "topic=\"cms.content.v1.DLT\"");

		kafka.send(new ProducerRecord<>(Topics.CMS_CONTENT, "t-poison", "not json".getBytes(StandardCharsets.UTF_8)))
			.join();

		await().atMost(Duration.ofSeconds(150))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> scrape("kafka_producer_topic_record_send_total", "topic=\"cms.content.v1.DLT\"") == before
					+ 1);
	}

	private static ContentSnapshot rejected(String id, Instant decidedAt) {
		return new ContentSnapshot(id, ContentType.TRUTH, "Question number " + id + ", be honest?", "en", "general",
				null, 2, "all", List.of(), ContentStatus.REJECTED, null, null, null, null, null, null, decidedAt,
				decidedAt, 1);
	}

	/** One sample's value (0 when absent), by status and, for buckets, upper bound. */
	private double delay(String name, String status, String... le) {
		return scrape(name, "status=\"" + status + "\"" + (le.length > 0 ? ",le=\"" + le[0] + "\"" : ""));
	}

	/**
	 * One sample's value (0 when absent), by labels as the scrape writes them (sorted by
	 * name); other labels may stand before and after them.
	 */
	private double scrape(String name, String labels) {
		String body = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
		Matcher sample = Pattern
			.compile(
					"(?m)^" + Pattern.quote(name) + "\\{(?:[^}]*,)?" + Pattern.quote(labels) + "(?:,[^}]*)?\\} (\\S+)$")
			.matcher(body);
		return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
	}

}
