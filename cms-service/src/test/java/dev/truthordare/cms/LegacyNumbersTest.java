package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.cms.content.numbering.LegacyNumberBackfill;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;

/**
 * Every item has an integer id for the original API's clients: stable, unique per type,
 * never handed out twice.
 */
class LegacyNumbersTest extends CmsTestSupport {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	LegacyNumberBackfill backfill;

	private int legacyId(String id) {
		return call(HttpMethod.GET, "/api/v1/cms/content/" + id, adminToken(), null).getBody().get("legacy_id").asInt();
	}

	@Test
	void theSeedCatalogueKeepsTheNumbersInItsIds() {
		assertThat(legacyId("truth-001")).isEqualTo(1);
		assertThat(legacyId("truth-017")).isEqualTo(17);
		assertThat(legacyId("truth-055")).isEqualTo(55);
		assertThat(legacyId("dare-005")).isEqualTo(5);
	}

	@Test
	void newItemsTakeTheNextFreeNumberAboveImportedOnes() {
		int imported = ThreadLocalRandom.current().nextInt(20_000_000, 30_000_000);
		var answer = call(HttpMethod.POST, "/api/v1/cms/import?type=truth", adminToken(),
				"[{\"id\": %d, \"content\": \"Imported %s question?\", \"category\": \"deep\"}]".formatted(imported,
						UUID.randomUUID()));
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);

		int first = legacyId(createTruth(adminToken()));
		int second = legacyId(createTruth(adminToken()));

		assertThat(first).isGreaterThan(imported);
		assertThat(second).isGreaterThan(first);
	}

	@Test
	void parallelCreatesNeverShareANumber() throws Exception {
		String token = adminToken();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> created = new java.util.ArrayList<>();
			for (int i = 0; i < 16; i++) {
				created.add(pool.submit(() -> createTruth(token)));
			}
			Set<Integer> numbers = new HashSet<>();
			for (Future<String> id : created) {
				numbers.add(legacyId(id.get()));
			}
			assertThat(numbers).hasSize(16).allMatch(number -> number > 55);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void itemsStoredBeforeNumbersExistedGetOneAtStartAndKeepIt() throws Exception {
		int importedAs = ThreadLocalRandom.current().nextInt(40_000_000, 50_000_000);
		String imported = insertUnnumbered("imported-truth-" + importedAs, "truth:" + importedAs, "admin");
		String clashing = insertUnnumbered("imported-truth-17-" + UUID.randomUUID(), "truth:17", "admin");
		String created = insertUnnumbered(UUID.randomUUID().toString(), null, "moderator");

		backfill.run(new DefaultApplicationArguments());
		long version = mongo.findById(created, ContentItem.class).getVersion();
		backfill.run(new DefaultApplicationArguments());

		assertThat(legacyId(imported)).isEqualTo(importedAs);
		assertThat(legacyId(clashing)).isNotEqualTo(17).isGreaterThan(importedAs);
		assertThat(legacyId(created)).isGreaterThan(importedAs).isNotEqualTo(legacyId(clashing));
		assertThat(mongo.findById(created, ContentItem.class).getVersion()).isEqualTo(version);
		assertThat(legacyId("truth-017")).isEqualTo(17);
		assertThat(numberOnTheContentStream(imported)).isEqualTo(importedAs);
	}

	private String insertUnnumbered(String id, String importKey, String actor) {
		ContentItem item = new ContentItem();
		item.setId(id);
		item.setType(ContentType.TRUTH);
		item.setContent("Stored before numbers " + UUID.randomUUID() + "?");
		item.setLanguage("en");
		item.setCategory("deep");
		item.setAgeRating("all");
		item.setStatus(ContentStatus.APPROVED);
		item.setSubmittedBy(actor);
		item.setImportKey(importKey);
		item.setCreatedAt(Instant.now());
		item.setUpdatedAt(Instant.now());
		mongo.insert(item);
		return id;
	}

	private Integer numberOnTheContentStream(String id) {
		Map<String, Integer> seen = new ConcurrentHashMap<>();
		try (var consumer = new KafkaConsumer<String, Object>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "numbers-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EventDeserializer())) {
			consumer.subscribe(List.of(Topics.CMS_CONTENT));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (id.equals(record.key()) && record.value() instanceof ContentSnapshot snapshot
							&& snapshot.legacyId() != null) {
						seen.put(id, snapshot.legacyId());
					}
				});
				return seen.containsKey(id);
			});
		}
		return seen.get(id);
	}

}
