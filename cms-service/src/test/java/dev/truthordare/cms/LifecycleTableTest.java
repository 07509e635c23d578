package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Every state × every action: the legal moves succeed, everything else is a 409 naming
 * the legal moves.
 */
class LifecycleTableTest extends CmsTestSupport {

	private static final Map<String, Set<String>> LEGAL = Map.of("PENDING", Set.of("approve", "reject"), "APPROVED",
			Set.of("flag", "archive"), "FLAGGED", Set.of("approve", "reject", "archive"), "REJECTED", Set.of(),
			"ARCHIVED", Set.of());

	private static final Map<String, String> RESULT = Map.of("approve", "APPROVED", "reject", "REJECTED", "flag",
			"FLAGGED", "archive", "ARCHIVED");

	static List<Object[]> table() {
		List<Object[]> rows = new ArrayList<>();
		for (String state : List.of("PENDING", "APPROVED", "FLAGGED", "REJECTED", "ARCHIVED")) {
			for (String action : List.of("approve", "reject", "flag", "archive")) {
				rows.add(new Object[] { state, action });
			}
		}
		return rows;
	}

	private ResponseEntity<JsonNode> act(String id, String action) {
		return call(HttpMethod.POST, "/api/v1/cms/content/" + id + "/" + action, adminToken(),
				Map.of("reason_code", "LOW_QUALITY", "reason", "table test"));
	}

	private String itemIn(String state) {
		String id = createTruth(adminToken());
		switch (state) {
			case "APPROVED" -> act(id, "approve");
			case "REJECTED" -> act(id, "reject");
			case "FLAGGED" -> {
				act(id, "approve");
				act(id, "flag");
			}
			case "ARCHIVED" -> {
				act(id, "approve");
				act(id, "archive");
			}
			default -> {
			}
		}
		assertThat(status(id)).isEqualTo(state);
		return id;
	}

	@ParameterizedTest(name = "{1} from {0}")
	@MethodSource("table")
	void onlyLegalMovesSucceed(String state, String action) {
		String id = itemIn(state);

		ResponseEntity<JsonNode> answer = act(id, action);

		if (LEGAL.get(state).contains(action)) {
			assertThat(answer.getStatusCode().value()).isEqualTo(200);
			assertThat(answer.getBody().get("status").asString()).isEqualTo(RESULT.get(action));
		}
		else {
			assertThat(answer.getStatusCode().value()).isEqualTo(409);
			assertThat(answer.getBody().get("current_status").asString()).isEqualTo(state);
			assertThat(answer.getBody().get("allowed_actions").valueStream().map(JsonNode::asString).toList())
				.containsExactlyInAnyOrderElementsOf(LEGAL.get(state));
			assertThat(status(id)).isEqualTo(state);
		}
	}

	@Test
	void aRejectedItemReturnsToPendingAfterAnEdit() {
		String id = itemIn("REJECTED");

		ResponseEntity<JsonNode> edited = call(HttpMethod.PUT, "/api/v1/cms/content/" + id, adminToken(),
				Map.of("content", "A better worded question " + java.util.UUID.randomUUID() + "?"));

		assertThat(edited.getStatusCode().value()).isEqualTo(200);
		assertThat(edited.getBody().get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void rejectAndFlagNeedAReasonCodeAndOtherNeedsText() {
		String pending = itemIn("PENDING");
		String approved = itemIn("APPROVED");

		assertThat(call(HttpMethod.POST, "/api/v1/cms/content/" + pending + "/reject", adminToken(), Map.of())
			.getStatusCode()
			.value()).isEqualTo(400);
		assertThat(call(HttpMethod.POST, "/api/v1/cms/content/" + approved + "/flag", adminToken(),
				Map.of("reason_code", "OTHER"))
			.getStatusCode()
			.value()).isEqualTo(400);
		ResponseEntity<JsonNode> unknown = call(HttpMethod.POST, "/api/v1/cms/content/" + pending + "/reject",
				adminToken(), Map.of("reason_code", "BECAUSE"));
		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
		assertThat(unknown.getBody().get("allowed_reason_codes").toString()).contains("OFFENSIVE", "OTHER");
		assertThat(status(pending)).isEqualTo("PENDING");
		assertThat(status(approved)).isEqualTo("APPROVED");
	}

}
