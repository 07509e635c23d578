package dev.truthordare.content.play;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.content.translation.TranslationSwitch;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The players' controllers alone (no Kafka, Mongo or discovery) over a small in-memory
 * index: what a client sees when it asks for something that is not there or sends a
 * filter that makes no sense.
 */
@WebMvcTest(controllers = { ItemController.class, ListController.class, FacetController.class, StatsController.class },
		properties = "eureka.client.enabled=false")
// ItemRenderer counts translation fallbacks; the slice has no metrics of its own
@Import({ ItemRenderer.class, CatalogueCounts.class, PlayControllersWebTest.Catalogue.class,
		SimpleMeterRegistry.class })
class PlayControllersWebTest {

	@TestConfiguration
	static class Catalogue {

		@Bean
		ServableIndex servableIndex() {
			ServableIndex index = new ServableIndex();
			index.put(new ProjectedItem("t1",
					new ContentSnapshot("t1", ContentType.TRUTH, "What is your secret talent?", "en", "funny", null, 1,
							"all", List.of(), ContentStatus.APPROVED, null, null, null, null, null, null, Instant.EPOCH,
							Instant.EPOCH, 1),
					null));
			index.put(new ProjectedItem("d1",
					new ContentSnapshot("d1", ContentType.DARE, "Hop on one leg for a minute", "en", "physical", "easy",
							1, "all", List.of(), ContentStatus.APPROVED, 1, List.of(), true, true,
							new ContentSnapshot.GroupSize(2, 6), "safe", Instant.EPOCH, Instant.EPOCH, 1),
					null));
			return index;
		}

	}

	@Autowired
	MockMvc mvc;

	@MockitoBean
	TranslationClient translations;

	/** Translations on, as by default (the switch itself: TranslationKillSwitchTest). */
	@MockitoBean
	TranslationSwitch translationSwitch;

	@BeforeEach
	void noTranslations() {
		when(translationSwitch.on()).thenReturn(true);
		when(translations.approvedText(anyString(), anyString())).thenReturn(Optional.empty());
		when(translations.availableLanguages(anyString(), any())).thenReturn(Optional.empty());
		when(translations.languageCoverage()).thenReturn(Optional.empty());
	}

	private ResultActions problem(String path, int status) throws Exception {
		return mvc.perform(get(path).header("X-Request-Id", "req-12345678"))
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.instance").value(path.replaceFirst("\\?.*", "")))
			.andExpect(jsonPath("$.request_id").value("req-12345678"));
	}

	@Test
	void anUnknownIdOrAnIdOfTheOtherTypeIsA404Problem() throws Exception {
		problem("/api/v1/truths/nope", 404)
			.andExpect(jsonPath("$.detail").value("No truth with id 'nope' is available."));
		problem("/api/v2/dares/t1", 404).andExpect(jsonPath("$.detail").value("No dare with id 't1' is available."));
	}

	@Test
	void anUnknownFilterValueIsA400ProblemListingTheAllowedValues() throws Exception {
		problem("/api/v1/dares/random?difficulty=impossible", 400)
			.andExpect(jsonPath("$.parameter").value("difficulty"))
			.andExpect(jsonPath("$.allowed_values", hasItems("easy", "medium", "hard", "extreme")))
			.andExpect(jsonPath("$.detail", containsString("'impossible'")));
		problem("/api/v1/truths/random?category=physical", 400).andExpect(jsonPath("$.parameter").value("category"));
		problem("/api/v1/dares?players=0", 400).andExpect(jsonPath("$.parameter").value("players"));
		problem("/api/v1/truths/categories?max_age_rating=21%2B", 400)
			.andExpect(jsonPath("$.parameter").value("max_age_rating"));
		problem("/api/v1/truths/random?min_rating=4", 400).andExpect(jsonPath("$.detail", containsString("v2")));
	}

	@Test
	void badPagingIsA400ProblemNamingTheParameter() throws Exception {
		problem("/api/v1/truths?size=101", 400).andExpect(jsonPath("$.parameter").value("size"))
			.andExpect(jsonPath("$.allowed_values[0]").value("an integer from 1 to 100"));
		problem("/api/v2/dares?page=zero", 400).andExpect(jsonPath("$.parameter").value("page"));
	}

	@Test
	void filtersThatLeaveNothingAre404ProblemsNamingTheCulprit() throws Exception {
		problem("/api/v1/dares/random?players=50", 404).andExpect(jsonPath("$.emptied_by[0]").value("players"))
			.andExpect(jsonPath("$.filters.players").value(50));
	}

	@Test
	void answersHaveTheirDocumentedShapes() throws Exception {
		mvc.perform(get("/api/v1/truths/t1"))
			.andExpect(status().isOk())
			.andExpect(header().string("Deprecation", "@1767225600"))
			.andExpect(content().json("{\"id\":\"t1\",\"type\":\"truth\",\"content\":\"What is your secret talent?\","
					+ "\"category\":\"funny\"}", org.springframework.test.json.JsonCompareMode.STRICT));
		mvc.perform(get("/api/v2/dares?size=1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].group_size.max").value(6))
			.andExpect(jsonPath("$.total_pages").value(1))
			.andExpect(jsonPath("$.links.prev").doesNotExist())
			.andExpect(jsonPath("$.links.last").value("/api/v2/dares?page=1&size=1"));
		mvc.perform(get("/api/v2/dares/difficulties"))
			.andExpect(jsonPath("$.type").value("dare"))
			.andExpect(jsonPath("$.difficulties[0].id").value("easy"))
			.andExpect(jsonPath("$.difficulties[0].count").value(1));
		mvc.perform(get("/api/v2/stats"))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.by_category.dare.physical").value(1))
			.andExpect(jsonPath("$.languages").doesNotExist());
	}

}
