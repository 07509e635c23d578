package dev.truthordare.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truthordare.events.kafka.CloudEvents;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.events.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventJsonTest {

	private final EventSerializer serializer = new EventSerializer();

	private final EventDeserializer deserializer = new EventDeserializer();

	@Test
	void contentSnapshotTravelsAsSnakeCaseJsonAndComesBackEqual() {
		var snapshot = new ContentSnapshot("dare-001", ContentType.DARE, "Do ten jumping jacks right now.", "en",
				"physical", "easy", 1, "all", List.of("fitness"), ContentStatus.APPROVED, 1, List.of(), true, true,
				new ContentSnapshot.GroupSize(2, 10), "safe", Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-02T00:00:00Z"), 3);

		byte[] json = serializer.serialize(Topics.CMS_CONTENT, snapshot);
		String text = new String(json, StandardCharsets.UTF_8);

		assertThat(text).contains("\"type\":\"dare\"", "\"difficulty_level\":1",
				"\"group_size\":{\"min\":2,\"max\":10}", "\"created_at\":\"2026-01-01T00:00:00Z\"");
		assertThat(deserializer.deserialize(Topics.CMS_CONTENT, json)).isEqualTo(snapshot);
	}

	@Test
	void theLegacyNumberTravelsAsLegacyIdAndOldEventsWithoutItStillRead() {
		var numbered = new ContentSnapshot("truth-017", ContentType.TRUTH, "What is your biggest regret so far?", "en",
				"deep", null, 2, "all", List.of(), ContentStatus.APPROVED, null, null, null, null, null, null,
				Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), 4, 17);

		byte[] json = serializer.serialize(Topics.CMS_CONTENT, numbered);

		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"legacy_id\":17");
		assertThat(deserializer.deserialize(Topics.CMS_CONTENT, json)).isEqualTo(numbered);
		byte[] older = ("{\"id\":\"truth-017\",\"type\":\"truth\",\"content\":\"What is your biggest regret?\","
				+ "\"status\":\"APPROVED\",\"version\":3}")
			.getBytes(StandardCharsets.UTF_8);
		ContentSnapshot read = (ContentSnapshot) deserializer.deserialize(Topics.CMS_CONTENT, older);
		assertThat(read.legacyId()).isNull();
		assertThat(read.version()).isEqualTo(3);
	}

	@Test
	void deadLetterTopicsDeserializeAsTheirSourceTopic() {
		var summary = new RatingSummary("truth-001", 4.5, 2, java.util.Map.of("4", 1L, "5", 1L), 0.3, 2);
		byte[] json = serializer.serialize(Topics.RATINGS_SUMMARY, summary);

		assertThat(deserializer.deserialize(Topics.RATINGS_SUMMARY + ".DLT", json)).isEqualTo(summary);
	}

	@Test
	void unknownFieldsFromNewerProducersAreIgnored() {
		byte[] json = "{\"content_id\":\"t\",\"average\":5,\"count\":1,\"score\":0.2,\"version\":1,\"new_field\":true}"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(((RatingSummary) deserializer.deserialize(Topics.RATINGS_SUMMARY, json)).count()).isEqualTo(1);
	}

	@Test
	void malformedValuesAreReportedAsSerializationErrors() {
		assertThatThrownBy(
				() -> deserializer.deserialize(Topics.CMS_CONTENT, "{not json".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class);
		assertThatThrownBy(() -> deserializer.deserialize("unknown.topic", "{}".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class);
	}

	@Test
	void tombstonesStayNull() {
		assertThat(serializer.serialize(Topics.CMS_CONTENT, null)).isNull();
		assertThat(deserializer.deserialize(Topics.CMS_CONTENT, null)).isNull();
	}

	@Test
	void recordsCarryTheCloudEventsHeaders() {
		var record = CloudEvents.record(EventType.TRANSLATION_CHANGED, "truth-001:id",
				new TranslationChanged("truth-001", "id", "Apa?", true, 1), "translation-service");

		assertThat(record.topic()).isEqualTo(Topics.TRANSLATIONS);
		assertThat(new String(record.headers().lastHeader(CloudEvents.TYPE).value(), StandardCharsets.UTF_8))
			.isEqualTo("dev.truthordare.translations.changed.v1");
		assertThat(record.headers().lastHeader(CloudEvents.SPEC_VERSION).value()).isEqualTo("1.0".getBytes());
		assertThat(record.headers().lastHeader(CloudEvents.ID)).isNotNull();
	}

}
