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
	void threeFiveStarVotesDoNotOutrankFortyVotesAveragingFourPointEight() {
		for (int i = 0; i < 3; i++) {
			rate("device-top-solo-" + i, "top-single", 5);
			rate("device-top-dare-" + i, "dare-ranked", 5);
		}
		for (int i = 0; i < 40; i++) {
			rate("device-top-" + i, "top-many", i < 32 ? 5 : 4);
		}
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

	@Test
	void eightClientIdsFromOneAddressNeitherCountBeyondThreeNorReachTheTopList() {
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			statuses.add(rate("sybil-" + i, "203.0.113.9", "top-sybil", 5).getStatusCode().value());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 409, 409, 409, 409, 409);
		assertThat(summaryOf("top-sybil").get("count").asLong()).isEqualTo(3);
		assertThat(topTruths()).doesNotContain("top-sybil");

		// two more players elsewhere: three addresses, and the item is ranked
		rate("neighbour-1", "198.51.100.1", "top-sybil", 5);
		assertThat(topTruths()).doesNotContain("top-sybil");
		rate("neighbour-2", "2001:db8:5::1", "top-sybil", 5);
		assertThat(topTruths()).contains("top-sybil");
	}

	private List<String> topTruths() {
		return http().get()
			.uri("/api/v1/ratings/top?type=truth&limit=100")
			.retrieve()
			.body(JsonNode.class)
			.get("items")
			.findValuesAsString("content_id");
	}

}
