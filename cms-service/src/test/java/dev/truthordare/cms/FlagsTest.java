package dev.truthordare.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.FlagState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The flag endpoints: admins only, validated (nothing changes on a 400), audited with who
 * and why, and every change published on {@code flags.v1} as a whole state with a growing
 * version.
 */
class FlagsTest extends CmsTestSupport {

	@Test
	void everyFlagIsListedWithTheDefaultsIncluded() {
		ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/v1/cms/flags", adminToken(), null);

		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		answer.getBody().forEach(flag -> keys.add(flag.get("key").asString()));
		assertThat(keys).contains("api.v1", "translations", "would_you_rather", "never_have_i_ever");
	}

	@Test
	void onlyAdminsSeeOrChangeFlags() {
		String moderator = tokenWithRoles("MODERATOR");
		Map<String, Object> change = Map.of("enabled", false, "reason", "test");

		assertThat(call(HttpMethod.GET, "/api/v1/cms/flags", null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(call(HttpMethod.GET, "/api/v1/cms/flags", moderator, null).getStatusCode().value()).isEqualTo(403);
		ResponseEntity<JsonNode> forbidden = call(HttpMethod.PUT, "/api/v1/cms/flags/translations", moderator, change);
		assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
		assertThat(forbidden.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(call(HttpMethod.PUT, "/api/v1/cms/flags/translations", null, change).getStatusCode().value())
			.isEqualTo(401);
		assertThat(
				call(HttpMethod.GET, "/api/v1/cms/flags/translations/history", moderator, null).getStatusCode().value())
			.isEqualTo(403);
	}

	@Test
	void aChangeIsAuditedWithWhoAndWhyAndPublishedOnTheTopic() {
		String key = newKey();
		String admin = adminToken();

		ResponseEntity<JsonNode> created = call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin,
				Map.of("enabled", true, "rollout_percent", 10, "description", "A test feature", "allow_list",
						List.of("tester-1"), "reason", "start the rollout"));
		ResponseEntity<JsonNode> raised = call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin,
				Map.of("rollout_percent", 50, "reason", "no errors at 10 %"));

		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(200);
		assertThat(raised.getStatusCode().value()).as(String.valueOf(raised.getBody())).isEqualTo(200);
		JsonNode flag = raised.getBody();
		assertThat(flag.get("version").asLong()).isEqualTo(2);
		assertThat(flag.get("rollout_percent").asInt()).isEqualTo(50);
		assertThat(flag.get("enabled").asBoolean()).isTrue();
		assertThat(flag.get("allow_list").get(0).asString()).isEqualTo("tester-1");
		assertThat(flag.get("updated_by").asString()).isEqualTo("chief");

		JsonNode history = call(HttpMethod.GET, "/api/v1/cms/flags/" + key + "/history", admin, null).getBody();
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("by").asString()).isEqualTo("chief");
		assertThat(history.get(0).get("reason").asString()).isEqualTo("start the rollout");
		assertThat(history.get(1).get("reason").asString()).isEqualTo("no errors at 10 %");
		assertThat(history.get(1).get("version").asLong()).isEqualTo(2);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<FlagState> published = published(key);
			assertThat(published).extracting(FlagState::version).containsExactly(1L, 2L);
			assertThat(published.get(1).rolloutPercent()).isEqualTo(50);
			assertThat(published.get(1).updatedBy()).isEqualTo("chief");
			assertThat(published.get(1).updatedAt()).isNotNull();
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> call(HttpMethod.GET, "/api/v1/cms/flags/" + key, admin, null).getBody()
				.get("published")
				.asBoolean());
	}

	@Test
	void aDefaultFlagsFirstChangeIsVersionOne() {
		// api.v1 is read by the gateway: switched off and on again so other tests see it
		// on
		String admin = adminToken();
		JsonNode off = call(HttpMethod.PUT, "/api/v1/cms/flags/api.v1", admin,
				Map.of("enabled", false, "reason", "sunset rehearsal"))
			.getBody();
		JsonNode on = call(HttpMethod.PUT, "/api/v1/cms/flags/api.v1", admin,
				Map.of("enabled", true, "reason", "rehearsal over"))
			.getBody();

		assertThat(off.get("enabled").asBoolean()).isFalse();
		assertThat(on.get("version").asLong()).isEqualTo(off.get("version").asLong() + 1);
		assertThat(on.get("rollout_percent").asInt()).isEqualTo(100);
	}

	@Test
	void badInputIsRefusedWithAProblemAndChangesNothing() {
		String key = newKey();
		String admin = adminToken();
		call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin,
				Map.of("enabled", true, "description", "to be kept", "reason", "created"));
		List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> "client-" + i).toList();
		List<Object> bad = List.of(Map.of("rollout_percent", 101, "reason", "r"),
				Map.of("rollout_percent", -1, "reason", "r"), Map.of("enabled", false),
				Map.of("enabled", false, "reason", " "), Map.of("enabled", false, "reason", "r", "colour", "red"),
				Map.of("allow_list", tooMany, "reason", "r"), Map.of("deny_list", List.of(""), "reason", "r"),
				Map.of("allow_list", List.of("a"), "deny_list", List.of("a"), "reason", "r"),
				Map.of("rollout_percent", "lots", "reason", "r"));

		for (Object body : bad) {
			ResponseEntity<JsonNode> answer = call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin, body);
			assertThat(answer.getStatusCode().value()).as(String.valueOf(((Map<?, ?>) body).keySet())).isEqualTo(400);
			assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		}
		for (String badKey : List.of("Upper", "with-dash", "x".repeat(65), "sp%20ace")) {
			assertThat(call(HttpMethod.PUT, "/api/v1/cms/flags/" + badKey, admin,
					Map.of("enabled", true, "description", "d", "reason", "r"))
				.getStatusCode()
				.value()).as(badKey).isEqualTo(400);
		}

		JsonNode flag = call(HttpMethod.GET, "/api/v1/cms/flags/" + key, admin, null).getBody();
		assertThat(flag.get("version").asLong()).isEqualTo(1);
		assertThat(call(HttpMethod.GET, "/api/v1/cms/flags/" + key + "/history", admin, null).getBody()).hasSize(1);
	}

	@Test
	void aNewFlagNeedsADescriptionAndAnUnknownFlagHasNoHistory() {
		String key = newKey();
		String admin = adminToken();

		assertThat(call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin, Map.of("enabled", true, "reason", "r"))
			.getStatusCode()
			.value()).isEqualTo(400);
		assertThat(call(HttpMethod.GET, "/api/v1/cms/flags/" + key + "/history", admin, null).getStatusCode().value())
			.isEqualTo(404);
		JsonNode created = call(HttpMethod.PUT, "/api/v1/cms/flags/" + key, admin,
				Map.of("description", "new", "reason", "r"))
			.getBody();
		// a new flag starts off: creating one never releases anything by itself
		assertThat(created.get("enabled").asBoolean()).isFalse();
		assertThat(created.get("rollout_percent").asInt()).isZero();
	}

	private static String newKey() {
		return "test_" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Every state of the flag on flags.v1, in topic order. */
	private List<FlagState> published(String key) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.FLAGS)
				.stream()
				.map(info -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<FlagState> states = new ArrayList<>();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						states.add(EventJson.MAPPER.readValue(record.value(), FlagState.class));
					}
				}
			}
			return Collections.unmodifiableList(states);
		}
	}

}
