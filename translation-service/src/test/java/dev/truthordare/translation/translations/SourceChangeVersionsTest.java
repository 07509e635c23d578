package dev.truthordare.translation.translations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.truthordare.web.kafka.EventSender;
import dev.truthordare.web.testing.InMemoryMongo;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A delivery of an older source version can arrive after a translator's work was approved
 * against a newer one (a rebalance, a replay): it must not mark that work OUTDATED and
 * withdraw it from players.
 */
class SourceChangeVersionsTest {

	@RegisterExtension
	static final InMemoryMongo MONGO = new InMemoryMongo();

	private static EventSender kafka() {
		return mock(EventSender.class);
	}

	private static Translation approved(String contentId, String lang, Long sourceVersion) {
		return new Translation(Translation.key(contentId, lang), contentId, lang, "Teks yang sudah disetujui.",
				TranslationStatus.APPROVED, Instant.now(), null, sourceVersion, "moderator", 1L);
	}

	@Test
	void anOlderSourceVersionLeavesWorkApprovedAgainstANewerOneAlone() {
		MongoTemplate mongo = new MongoTemplate(MONGO.client(), "stale-source");
		EventSender kafka = kafka();
		TranslationWorkflow workflow = new TranslationWorkflow(mongo, kafka,
				new TextFilter(new TextFilterProperties(null, null, null)));
		mongo.save(approved("item-1", "id", 3L));

		workflow.sourceChanged("item-1", 2);

		assertThat(mongo.findById(Translation.key("item-1", "id"), Translation.class).status())
			.isEqualTo(TranslationStatus.APPROVED);
		verify(kafka, never()).send(any(ProducerRecord.class), anyString());
	}

	@Test
	void aNewerSourceVersionOutdatesWorkDoneAgainstAnOlderOrUnknownOne() {
		MongoTemplate mongo = new MongoTemplate(MONGO.client(), "newer-source");
		EventSender kafka = kafka();
		TranslationWorkflow workflow = new TranslationWorkflow(mongo, kafka,
				new TextFilter(new TextFilterProperties(null, null, null)));
		mongo.save(approved("item-2", "id", 3L));
		mongo.save(approved("item-2", "es", null));

		workflow.sourceChanged("item-2", 4);

		assertThat(mongo.findById(Translation.key("item-2", "id"), Translation.class).status())
			.isEqualTo(TranslationStatus.OUTDATED);
		assertThat(mongo.findById(Translation.key("item-2", "es"), Translation.class).status())
			.isEqualTo(TranslationStatus.OUTDATED);
		verify(kafka, times(2)).send(any(ProducerRecord.class), anyString());
	}

}
