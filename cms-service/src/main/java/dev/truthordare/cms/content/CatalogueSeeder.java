package dev.truthordare.cms.content;

import dev.truthordare.cms.content.numbering.LegacyNumbers;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the original 110-item catalogue, APPROVED, on the first start. Items are keyed by
 * their seed id, so a restart (or a second instance starting at the same time) inserts
 * nothing twice. Each keeps its number in the original API: {@code truth-017} is truth
 * 17.
 */
@Component
@Order(1)
public class CatalogueSeeder implements ApplicationRunner {

	record SeedItem(String id, String content, String category, String difficulty, Integer difficultyLevel,
			String ageRating, List<String> tags, Integer durationMinutes, List<String> propsRequired,
			Boolean indoorSuitable, Boolean outdoorSuitable, ContentSnapshot.GroupSize groupSize, String safetyLevel) {

		ContentDraft toDraft(String type) {
			return new ContentDraft(type, content, "en", category, difficulty, difficultyLevel, ageRating, tags,
					durationMinutes, propsRequired, indoorSuitable, outdoorSuitable, groupSize, safetyLevel);
		}
	}

	/**
	 * The actor of seeded items: the import recognises them as the original API's own
	 * items.
	 */
	public static final String SEED_ACTOR = "seed";

	private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);

	private final ContentService service;

	private final ContentRepository repository;

	private final JsonMapper json;

	private final boolean enabled;

	CatalogueSeeder(ContentService service, ContentRepository repository, JsonMapper json,
			@Value("${cms.seed.enabled}") boolean enabled) {
		this.service = service;
		this.repository = repository;
		this.json = json;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!enabled) {
			return;
		}
		int added = seed("truth", "seed/truths.json") + seed("dare", "seed/dares.json");
		log.info("Seed catalogue: {} item(s) added", added);
	}

	private int seed(String type, String resource) throws IOException {
		List<SeedItem> items;
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			items = json.readValue(in, new TypeReference<List<SeedItem>>() {
			});
		}
		int added = 0;
		for (SeedItem item : items) {
			if (repository.existsById(item.id())) {
				continue;
			}
			ContentDraft draft = service.check(item.toDraft(type), item.id());
			try {
				try {
					service.create(item.id(), draft, ContentStatus.APPROVED, SEED_ACTOR, null,
							LegacyNumbers.fromSeedId(item.id()));
				}
				catch (ContentExceptions.LegacyNumberTaken imported) {
					log.warn("Seed item {}: {} It gets the next free number.", item.id(), imported.getMessage());
					service.create(item.id(), draft, ContentStatus.APPROVED, SEED_ACTOR, null, null);
				}
				added++;
			}
			catch (DuplicateKeyException seededConcurrently) {
				// another instance won the race for this id: exactly what idempotent
				// seeding wants
			}
		}
		return added;
	}

}
