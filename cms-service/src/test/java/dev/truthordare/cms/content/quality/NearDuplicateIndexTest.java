package dev.truthordare.cms.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.ContentType;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class NearDuplicateIndexTest {

	private final NearDuplicateIndex index = new NearDuplicateIndex(0.8);

	@Test
	void rewordingCaseAndPunctuationStillMakeADuplicate() {
		index.put("fear", ContentType.TRUTH, "What is your biggest fear?");

		var match = index.findDuplicate(ContentType.TRUTH, "what's your BIGGEST fear??", null);

		assertThat(match).hasValueSatisfying(found -> {
			assertThat(found.id()).isEqualTo("fear");
			assertThat(found.similarity()).isEqualTo(1.0);
		});
	}

	@Test
	void aDifferentQuestionWithTheSameOpeningIsNotADuplicate() {
		index.put("fear", ContentType.TRUTH, "What is your biggest fear?");

		assertThat(index.findDuplicate(ContentType.TRUTH, "What is your biggest dream?", null)).isEmpty();
		assertThat(NearDuplicateIndex.similarity("What is your biggest fear?", "What is your biggest dream?"))
			.isLessThan(0.8);
	}

	@Test
	void truthsAndDaresAreComparedOnlyWithTheirOwnType() {
		index.put("fear", ContentType.TRUTH, "What is your biggest fear?");

		assertThat(index.findDuplicate(ContentType.DARE, "What is your biggest fear?", null)).isEmpty();
	}

	@Test
	void removedOrIgnoredItemsAreNotReported() {
		index.put("fear", ContentType.TRUTH, "What is your biggest fear?");

		assertThat(index.findDuplicate(ContentType.TRUTH, "What is your biggest fear?", "fear")).isEmpty();
		index.remove("fear");
		assertThat(index.findDuplicate(ContentType.TRUTH, "What is your biggest fear?", null)).isEmpty();
		assertThat(index.size()).isZero();
	}

	@Test
	void theSeedCatalogueHasNoNearDuplicates() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		for (String file : List.of("seed/truths.json", "seed/dares.json")) {
			NearDuplicateIndex seeds = new NearDuplicateIndex(0.8);
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
				List<Map<String, Object>> items = json.readValue(in, new TypeReference<>() {
				});
				for (Map<String, Object> item : items) {
					String text = (String) item.get("content");
					assertThat(seeds.findDuplicate(ContentType.TRUTH, text, null)).as(item.get("id").toString())
						.isEmpty();
					seeds.put((String) item.get("id"), ContentType.TRUTH, text);
				}
			}
		}
	}

}
