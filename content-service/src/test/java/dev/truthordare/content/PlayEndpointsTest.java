package dev.truthordare.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The read side fed only by the real content stream: it serves APPROVED items and nothing
 * else, as players ask.
 */
class PlayEndpointsTest extends ContentServiceTestBase {

	private Set<String> drawIds(int times, Supplier<ResponseEntity<JsonNode>> draw) {
		Set<String> drawn = new HashSet<>();
		for (int i = 0; i < times; i++) {
			ResponseEntity<JsonNode> answer = draw.get();
			assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
			drawn.add(answer.getBody().get("id").asString());
		}
		return drawn;
	}

	private static void assertProblem(ResponseEntity<JsonNode> answer, int status) {
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("detail").asString()).isNotBlank();
	}

	@Test
	void randomTruthsComeOnlyFromApprovedItemsWithinTheDefaultAgeRating() {
		Set<String> drawn = drawIds(60, () -> get("/api/v1/truths/random?category=funny"));

		assertThat(drawn).containsExactlyInAnyOrder("t-approved-1", "t-approved-2");
		assertThat(get("/api/v1/truths/random").getHeaders().getCacheControl()).isEqualTo("no-store");
	}

	@Test
	void adultItemsAppearOnlyWhenAskedForExplicitly() {
		Set<String> drawn = drawIds(60, () -> get("/api/v1/truths/random?category=funny&max_age_rating=18%2B"));
		// '+' unencoded arrives as a space: clients that forget to encode it still get
		// what they meant
		drawn.addAll(drawIds(60, () -> get("/api/v1/truths/random?category=funny&max_age_rating=18+")));

		assertThat(drawn).containsExactlyInAnyOrder("t-approved-1", "t-approved-2", "t-adult");
		assertThat(drawIds(40, () -> get("/api/v1/truths/random?category=funny&max_age_rating=all")))
			.containsExactly("t-approved-1");
	}

	@Test
	void ratingPg13AndRAreAliasesOfTheAgeLimitsInAnyCase() {
		assertThat(drawIds(60, () -> get("/api/v1/truths/random?category=funny&rating=R")))
			.containsExactlyInAnyOrder("t-approved-1", "t-approved-2", "t-adult");
		assertThat(drawIds(40, () -> get("/api/v2/truths/random?category=funny&rating=pg13")))
			.containsExactlyInAnyOrder("t-approved-1", "t-approved-2");
		assertThat(drawIds(40, () -> get("/api/v1/truths/random?category=funny&rating=Pg")))
			.containsExactly("t-approved-1");
		assertThat(get("/api/v1/truths?category=funny&rating=PG-13").getBody().get("total").asInt()).isEqualTo(2);
		ResponseEntity<JsonNode> list = get("/api/v2/truths?category=funny&rating=r");
		assertThat(list.getBody().get("total").asInt()).isEqualTo(3);
		assertThat(list.getBody().get("filters").get("max_age_rating").asString()).isEqualTo("18+");
		assertThat(find(get("/api/v1/truths/categories?rating=R").getBody().get("categories"), "funny").get("count")
			.asInt()).isEqualTo(3);
		// both, when they agree, are what a client half-way through switching sends
		assertThat(drawIds(20, () -> get("/api/v1/truths/random?category=funny&rating=PG&max_age_rating=all")))
			.containsExactly("t-approved-1");
	}

	@Test
	void anUnknownRatingOrOneThatContradictsMaxAgeRatingIsA400Problem() {
		ResponseEntity<JsonNode> unknown = get("/api/v1/truths/random?rating=NC-17");
		ResponseEntity<JsonNode> contradicting = get("/api/v1/dares?rating=R&max_age_rating=all");

		assertProblem(unknown, 400);
		assertThat(unknown.getBody().get("parameter").asString()).isEqualTo("rating");
		assertThat(unknown.getBody().get("allowed_values").toString()).isEqualTo("[\"PG\",\"PG13\",\"R\"]");
		assertProblem(contradicting, 400);
		assertThat(contradicting.getBody().get("detail").asString()).contains("rating=R", "max_age_rating=all");
		assertThat(contradicting.getBody().get("conflicts_with").asString()).isEqualTo("max_age_rating");
		for (String path : List.of("/api/v1/truths/random?rating=PG&rating=R", "/api/v2/truths/categories?rating=G",
				"/api/v1/dares/random?rating=13%2B")) {
			assertProblem(get(path), 400);
		}
	}

	@Test
	void severalValuesOfOneFilterWidenThePool() {
		Set<String> repeated = drawIds(400, () -> get("/api/v1/truths/random?category=funny&category=deep"));
		Set<String> commaSeparated = drawIds(100, () -> get("/api/v1/truths/random?category=funny,deep"));

		Set<String> expected = new HashSet<>(DEEP);
		expected.addAll(List.of("t-approved-1", "t-approved-2"));
		assertThat(repeated).isEqualTo(expected);
		assertThat(commaSeparated).isSubsetOf(expected).hasSizeGreaterThan(10);
		assertThat(drawIds(60, () -> get("/api/v1/dares/random?difficulty=easy&difficulty=hard")))
			.containsExactlyInAnyOrder("d-approved", "d-outdoor");
	}

	@Test
	void everyDareFilterNarrowsThePool() {
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?outdoor=true&indoor=false")))
			.containsExactly("d-outdoor");
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?props=none"))).containsExactlyInAnyOrder("d-approved",
				"d-social");
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?players=9"))).containsExactly("d-social");
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?max_duration=3"))).containsExactly("d-approved");
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?category=physical&category=social&max_age_rating=all")))
			.containsExactly("d-outdoor");
		assertThat(drawIds(30, () -> get("/api/v1/dares/random?indoor=true&players=2&difficulty=easy")))
			.containsExactly("d-approved");
	}

	@Test
	void v2FiltersOnTheProjectedRating() {
		assertThat(drawIds(20, () -> get("/api/v2/truths/random?min_rating=4"))).containsExactly("t-approved-1");
		assertProblem(get("/api/v2/truths/random?min_rating=4.6"), 404);
		assertProblem(get("/api/v2/truths/random?min_rating=six"), 400);
		assertProblem(get("/api/v1/truths/random?min_rating=4"), 400);
	}

	@Test
	void v1KeepsTheOriginalShapeAndAnnouncesItsSunset() {
		ResponseEntity<JsonNode> dare = get("/api/v1/dares/random?difficulty=easy");
		ResponseEntity<JsonNode> truth = get("/api/v1/truths/t-approved-1");

		assertThat(dare.getBody().propertyNames()).containsExactlyInAnyOrder("id", "type", "content", "difficulty");
		assertThat(dare.getBody().get("difficulty").asString()).isEqualTo("easy");
		assertThat(truth.getBody().propertyNames()).containsExactlyInAnyOrder("id", "type", "content", "category");
		for (ResponseEntity<JsonNode> answer : List.of(dare, truth)) {
			assertThat(answer.getHeaders().getFirst("Deprecation")).isEqualTo("@1767225600");
			assertThat(answer.getHeaders().getFirst("Sunset")).endsWith("GMT");
		}
		assertThat(dare.getHeaders().getFirst("Link")).isEqualTo("</api/v2/dares/random>; rel=\"successor-version\"");
		assertThat(truth.getHeaders().getFirst("Link")).contains("</api/v2/truths/t-approved-1>");
		assertThat(get("/api/v2/truths/t-approved-1").getHeaders().getFirst("Deprecation")).isNull();
	}

	@Test
	void v2ReturnsTheFullItemWithItsLanguages() {
		JsonNode dare = get("/api/v2/dares/d-approved").getBody();
		JsonNode truth = get("/api/v2/truths/t-approved-1").getBody();

		assertThat(dare.get("group_size").get("max").asInt()).isEqualTo(8);
		assertThat(dare.get("indoor_suitable").asBoolean()).isTrue();
		assertThat(dare.get("outdoor_suitable").asBoolean()).isFalse();
		assertThat(dare.get("duration_minutes").asInt()).isEqualTo(2);
		assertThat(dare.get("safety_level").asString()).isEqualTo("safe");
		assertThat(dare.get("tags").toString()).contains("fun");
		assertThat(dare.get("rating").get("count").asLong()).isZero();
		assertThat(dare.get("age_rating").asString()).isEqualTo("all");
		assertThat(dare.get("available_languages").toString()).isEqualTo("[\"en\"]");
		assertThat(truth.get("rating").get("average").asDouble()).isEqualTo(4.5);
		assertThat(truth.get("difficulty_level").asInt()).isEqualTo(2);
		assertThat(truth.get("language").asString()).isEqualTo("en");
		assertThat(get("/api/v2/truths/t-deep-01").getBody().get("available_languages").toString())
			.isEqualTo("[\"en\",\"id\"]");
	}

	@Test
	void pendingArchivedAndWrongTypeItemsAre404Problems() {
		for (String path : List.of("/api/v1/truths/t-pending", "/api/v1/truths/t-archived",
				"/api/v1/dares/t-approved-1", "/api/v1/truths/does-not-exist")) {
			assertProblem(get(path), 404);
		}
	}

	@Test
	void translatedTextIsServedInTheNegotiatedLanguage() {
		ResponseEntity<JsonNode> byParameter = get("/api/v1/truths/t-deep-01?lang=id");
		ResponseEntity<JsonNode> byHeader = get("/api/v2/truths/t-deep-01", "Accept-Language", "fr;q=0.2, id-ID;q=0.9");

		for (ResponseEntity<JsonNode> answer : List.of(byParameter, byHeader)) {
			assertThat(answer.getBody().get("content").asString()).startsWith("Pertanyaan");
			assertThat(answer.getBody().get("translation_fallback").asBoolean()).isFalse();
			assertThat(answer.getHeaders().getFirst("Content-Language")).isEqualTo("id");
			assertThat(answer.getHeaders().getVary()).contains("Accept-Language");
		}
	}

	@Test
	void bengaliHindiAndTagalogAreNegotiatedLikeTheOtherLanguages() {
		Map<String, ResponseEntity<JsonNode>> answers = Map.of("hi",
				get("/api/v2/truths/t-deep-03", "Accept-Language", "hi-IN,hi;q=0.9,en-US;q=0.8"), "bn",
				get("/api/v1/truths/t-deep-03?lang=bn"), "tl", get("/api/v2/truths/t-deep-03?lang=tl"));

		assertThat(answers.get("hi").getBody().get("content").asString()).startsWith("गहरा सवाल");
		assertThat(answers.get("bn").getBody().get("content").asString()).startsWith("গভীর প্রশ্ন");
		assertThat(answers.get("tl").getBody().get("content").asString()).startsWith("Malalim na tanong");
		answers.forEach((lang, answer) -> {
			assertThat(answer.getBody().get("translation_fallback").asBoolean()).as(lang).isFalse();
			assertThat(answer.getHeaders().getFirst("Content-Language")).as(lang).isEqualTo(lang);
		});
		// Filipino phones ask for fil-PH: our Tagalog is what they read
		assertThat(
				get("/api/v2/truths/t-deep-03", "Accept-Language", "fil-PH").getHeaders().getFirst("Content-Language"))
			.isEqualTo("tl");
		assertThat(find(get("/api/v1/truths/categories?lang=hi").getBody().get("categories"), "funny").get("name")
			.asString()).isEqualTo("मज़ेदार");
		assertThat(
				find(get("/api/v1/dares/difficulties", "Accept-Language", "tl").getBody().get("difficulties"), "hard")
					.get("name")
					.asString())
			.isEqualTo("Mahirap");
	}

	@Test
	void aMissingTranslationFallsBackToEnglishAndSaysSo() {
		ResponseEntity<JsonNode> answer = get("/api/v1/truths/t-approved-1?lang=id");

		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.getBody().get("translation_fallback").asBoolean()).isTrue();
		assertThat(answer.getBody().get("content").asString()).startsWith("Question number");
		assertThat(answer.getHeaders().getFirst("Content-Language")).isEqualTo("en");
	}

	@Test
	void unknownFilterValuesAre400ProblemsListingTheAllowedValues() {
		ResponseEntity<JsonNode> difficulty = get("/api/v1/dares/random?difficulty=easy&difficulty=impossible");
		ResponseEntity<JsonNode> category = get("/api/v1/truths/random?category=physical");

		assertProblem(difficulty, 400);
		assertThat(difficulty.getBody().get("allowed_values").toString()).contains("easy", "extreme");
		assertThat(difficulty.getBody().get("parameter").asString()).isEqualTo("difficulty");
		assertProblem(category, 400);
		assertThat(category.getBody().get("allowed_values").toString()).contains("funny", "deep")
			.doesNotContain("physical");
		for (String path : List.of("/api/v1/dares/random?props=some", "/api/v1/dares/random?players=0",
				"/api/v1/dares/random?indoor=maybe", "/api/v1/truths/random?max_age_rating=21%2B",
				"/api/v1/truths/random?max_age_rating=all&max_age_rating=18%2B",
				"/api/v1/dares/random?max_duration=x")) {
			assertProblem(get(path), 400);
		}
	}

	@Test
	void filtersThatEmptyThePoolAre404ProblemsNamingThem() {
		ResponseEntity<JsonNode> players = get("/api/v1/dares/random?players=12");
		ResponseEntity<JsonNode> combination = get("/api/v1/dares/random?outdoor=true&props=none&max_age_rating=all");

		assertProblem(players, 404);
		assertThat(players.getBody().get("filters").get("players").asInt()).isEqualTo(12);
		assertThat(players.getBody().get("emptied_by").toString()).isEqualTo("[\"players\"]");
		assertThat(players.getBody().get("detail").asString()).contains("players=12");
		assertProblem(combination, 404);
		assertThat(combination.getBody().get("emptied_by").toString()).contains("outdoor", "props");
	}

	@Test
	void listsArePagedWithTotalsAndLinks() {
		JsonNode first = get("/api/v1/truths?category=deep&size=8").getBody();
		ResponseEntity<JsonNode> lastAnswer = get("/api/v1/truths?category=deep&size=8&page=3");
		JsonNode last = lastAnswer.getBody();

		assertThat(first.get("total").asInt()).isEqualTo(20);
		assertThat(first.get("total_pages").asInt()).isEqualTo(3);
		assertThat(first.get("items")).hasSize(8);
		assertThat(first.get("items").get(0).propertyNames()).containsExactlyInAnyOrder("id", "type", "content",
				"category");
		assertThat(first.get("items").get(0).get("id").asString()).isEqualTo("t-deep-01");
		assertThat(first.get("links").get("next").asString()).contains("page=2", "size=8", "category=deep");
		assertThat(first.get("links").has("prev")).isFalse();
		assertThat(last.get("items")).hasSize(4);
		assertThat(last.get("links").get("prev").asString()).contains("page=2");
		assertThat(last.get("links").has("next")).isFalse();
		assertThat(lastAnswer.getHeaders().get("Link")).anySatisfy(link -> assertThat(link).contains("rel=\"prev\""));
		assertThat(get("/api/v2/dares?size=100").getBody().get("items").get(0).has("group_size")).isTrue();
		assertThat(get("/api/v1/truths?category=funny&max_age_rating=18%2B").getBody().get("total").asInt())
			.isEqualTo(3);
	}

	@Test
	void badPagesAndSizesAre400Problems() {
		for (String query : List.of("size=101", "size=0", "page=0", "page=abc", "size=-3", "page=1&page=2")) {
			ResponseEntity<JsonNode> answer = get("/api/v1/truths?" + query);
			assertProblem(answer, 400);
			assertThat(answer.getBody().get("parameter").asString()).isIn("page", "size");
		}
		assertProblem(get("/api/v1/truths?category=nope"), 400);
	}

	@Test
	void categoriesAndDifficultiesCarryCountsAndLocalisedNames() {
		ResponseEntity<JsonNode> categories = get("/api/v1/truths/categories?lang=id");
		JsonNode difficulties = get("/api/v2/dares/difficulties", "Accept-Language", "de-DE").getBody();

		JsonNode funny = find(categories.getBody().get("categories"), "funny");
		assertThat(funny.get("name").asString()).isEqualTo("Lucu");
		assertThat(funny.get("count").asInt()).isEqualTo(2); // the 18+ one only counts
																// when asked for
		assertThat(find(categories.getBody().get("categories"), "deep").get("count").asInt()).isEqualTo(20);
		assertThat(categories.getHeaders().getFirst("Content-Language")).isEqualTo("id");
		assertThat(find(difficulties.get("difficulties"), "hard").get("name").asString()).isEqualTo("Schwer");
		assertThat(find(difficulties.get("difficulties"), "hard").get("count").asInt()).isEqualTo(1);
		assertThat(find(difficulties.get("difficulties"), "extreme").get("count").asInt()).isZero();
		assertThat(find(get("/api/v1/truths/categories?max_age_rating=18%2B").getBody().get("categories"), "funny")
			.get("count")
			.asInt()).isEqualTo(3);
	}

	private static JsonNode find(JsonNode array, String id) {
		for (JsonNode entry : array) {
			if (entry.get("id").asString().equals(id)) {
				return entry;
			}
		}
		throw new AssertionError(id + " not in " + array);
	}

	@Test
	void statsCountServableItemsByTypeCategoryDifficultyAndAgeRating() {
		JsonNode stats = get("/api/v1/stats").getBody();

		assertThat(stats.get("dares").asLong()).isEqualTo(SERVABLE_DARES);
		assertThat(stats.get("by_category").get("truth").get("funny").asInt()).isEqualTo(3);
		assertThat(stats.get("by_category").get("truth").get("deep").asInt()).isEqualTo(20);
		assertThat(stats.get("by_category").get("dare").get("social").asInt()).isEqualTo(1);
		assertThat(stats.get("by_difficulty").get("medium").asInt()).isEqualTo(1);
		assertThat(stats.get("by_age_rating").get("dare").get("13+").asInt()).isEqualTo(1);
		assertThat(stats.get("by_age_rating").get("truth").get("18+").asInt()).isEqualTo(1);
		assertThat(stats.get("languages").get(1).get("code").asString()).isEqualTo("id");
	}

	@Test
	void cacheableAnswersCarryETagsAndAnswer304WhenUnchanged() {
		for (String path : List.of("/api/v1/truths/categories", "/api/v1/dares/difficulties", "/api/v1/stats",
				"/api/v1/truths/t-approved-2", "/api/v2/dares/d-approved?lang=id", "/api/v1/truths?category=deep")) {
			ResponseEntity<JsonNode> first = get(path);
			String etag = first.getHeaders().getETag();
			assertThat(etag).as(path).isNotBlank();
			assertThat(first.getHeaders().getCacheControl()).as(path).contains("max-age=");

			ResponseEntity<JsonNode> again = get(path, "If-None-Match", etag);
			assertThat(again.getStatusCode().value()).as(path).isEqualTo(304);
			assertThat(again.getBody()).isNull();
			assertThat(get(path, "If-None-Match", "\"something-else\"").getStatusCode().value()).isEqualTo(200);
		}
		assertThat(get("/api/v1/truths/t-deep-01", "Accept-Language", "id").getHeaders().getETag())
			.isNotEqualTo(get("/api/v1/truths/t-deep-01").getHeaders().getETag());
	}

	@Test
	void publishesItsOpenApiDocumentWithTheRealPathsForTheGateway() {
		ResponseEntity<JsonNode> answer = get("/v3/api-docs");

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode document = answer.getBody();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("info").get("title").asString()).isEqualTo("content-service");
		assertThat(document.get("servers")).hasSize(1);
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		// /api/{version:v1|v2}/{kind:truths|dares}/random is listed as the paths clients
		// call
		assertThat(document.get("paths").propertyNames())
			.contains("/api/v1/truths/random", "/api/v2/dares/random", "/api/v1/truths/{id}", "/api/v1/stats",
					"/api/v1/games", "/api/v1/games/{id}/truth")
			.noneMatch(path -> path.contains("{version}") || path.contains("{kind}"));
		JsonNode random = document.get("paths").get("/api/v1/truths/random").get("get");
		assertThat(random.get("parameters").findValuesAsString("name")).contains("filters").doesNotContain("version");
		assertThat(random.get("parameters").get(0).get("required").asBoolean()).isFalse();
		assertThat(random.get("parameters").get(0).get("description").asString()).contains("rating=PG|PG13|R");
		// bodies are documented as they travel: snake_case
		assertThat(document.get("components").get("schemas").get("NewGame").get("properties").propertyNames())
			.contains("max_age_rating");
	}

	@Test
	void aQueryStringThatIsNotUtf8IsA400ProblemNotA500() {
		for (String path : List.of("/api/v1/truths/random?category=funny%FF%FE", "/api/v2/dares?page=1%C0%AE",
				"/api/v1/truths/categories?max_age_rating=%E2%82")) {
			ResponseEntity<JsonNode> answer = get(path);
			assertThat(answer.getStatusCode().value()).as(path + " → " + answer.getBody()).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(answer.getBody().get("detail").asString()).contains("UTF-8");
		}
	}

}
