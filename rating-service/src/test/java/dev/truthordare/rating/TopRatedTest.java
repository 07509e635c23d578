package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The top-rated ranking: by the Wilson lower bound, per type, with a minimum count, and
 * its bad parameters.
 */
class TopRatedTest extends RatingServiceTestSupport {

	@Test
	void oneFiveStarVoteDoesNotOutrankFortyVotesAveragingFourPointEight() {
		rate("device-top-solo", "top-single", 5);
		for (int i = 0; i < 40; i++) {
			rate("device-top-" + i, "top-many", i < 32 ? 5 : 4);
		}
		rate("device-top-dare", "dare-ranked", 5);
		assertThat(summaryOf("top-many").get("average").asDouble()).isEqualTo(4.8);

		JsonNode top = http().get().uri("/api/v1/ratings/top?type=truth&limit=100").retrieve().body(JsonNode.class);
		List<String> ranking = top.get("items").findValuesAsString("content_id");
		assertThat(ranking).contains("top-many", "top-single").doesNotContain("dare-ranked");
		assertThat(ranking.indexOf("top-many")).isLessThan(ranking.indexOf("top-single"));
		assertThat(top.get("items").get(0).get("rank").asInt()).isEqualTo(1);
		JsonNode many = top.get("items").get(ranking.indexOf("top-many"));
		assertThat(many.get("score").asDouble()).isCloseTo(0.9124, org.assertj.core.data.Offset.offset(0.0001));
		assertThat(many.get("type").asString()).isEqualTo("truth");

		List<String> established = http().get()
			.uri("/api/v1/ratings/top?type=truth&min_count=40")
			.retrieve()
			.body(JsonNode.class)
			.get("items")
			.findValuesAsString("content_id");
		// other test classes share this application and rate items of their own (one has
		// 1,000 ratings)
		assertThat(established).contains("top-many").doesNotContain("top-single");
		assertThat(http().get()
			.uri("/api/v1/ratings/top?type=dare&limit=1")
			.retrieve()
			.body(JsonNode.class)
			.get("items")
			.findValuesAsString("content_id")).containsExactly("dare-ranked");
		for (String bad : List.of("type=quiz", "limit=0", "limit=101", "min_count=0", "limit=ten")) {
			ResponseEntity<JsonNode> answer = http().get()
				.uri("/api/v1/ratings/top?" + bad)
				.retrieve()
				.toEntity(JsonNode.class);
			assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType()).as(bad).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

}
