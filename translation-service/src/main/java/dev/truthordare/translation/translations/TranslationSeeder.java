package dev.truthordare.translation.translations;

import dev.truthordare.events.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the seed catalogue's approved translations, one file per language; existing
 * entries are never touched.
 */
@Component
class TranslationSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TranslationSeeder.class);

	private final MongoTemplate mongo;

	private final JsonMapper json;

	TranslationSeeder(MongoTemplate mongo, JsonMapper json) {
		this.mongo = mongo;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		int added = 0;
		for (Languages.Language language : Languages.SUPPORTED) {
			ClassPathResource file = new ClassPathResource("seed/translations/" + language.code() + ".json");
			if (Languages.SOURCE.equals(language.code()) || !file.exists()) {
				continue;
			}
			Map<String, String> texts;
			try (InputStream in = file.getInputStream()) {
				texts = json.readValue(in, new TypeReference<Map<String, String>>() {
				});
			}
			for (Map.Entry<String, String> entry : texts.entrySet()) {
				String id = Translation.key(entry.getKey(), language.code());
				if (mongo.findById(id, Translation.class) != null) {
					continue;
				}
				try {
					mongo.insert(new Translation(id, entry.getKey(), language.code(), entry.getValue(),
							TranslationStatus.APPROVED, Instant.now(), null, null, "seed", 0L));
					added++;
				}
				catch (DuplicateKeyException seededConcurrently) {
					// another instance inserted it first
				}
			}
		}
		log.info("Seed translations: {} added", added);
	}

}
