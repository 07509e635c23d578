package dev.truthordare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.web.testapp.MinimalService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What a service gets by depending on web-support, seen from outside as its clients and
 * SREs see it.
 */
@SpringBootTest(classes = MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service",
				"eureka.instance.lease-expiration-duration-in-seconds=42" })
class MinimalServiceTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	private ResponseEntity<JsonNode> get(String path, String... headers) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build()
			.get()
			.uri(path)
			.headers(h -> {
				for (int i = 0; i < headers.length; i += 2) {
					h.add(headers[i], headers[i + 1]);
				}
			})
			.retrieve()
			.toEntity(JsonNode.class);
	}

	@Test
	void aDomainProblemKeepsItsMembersAndHeaders() {
		ResponseEntity<JsonNode> answer = get("/greetings/busy");

		assertThat(answer.getStatusCode().value()).isEqualTo(429);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("7");
		assertThat(answer.getBody().get("retry_after_seconds").asInt()).isEqualTo(7);
		assertThat(answer.getBody().get("instance").asString()).isEqualTo("/greetings/busy");
	}

	@Test
	void aLibraryExceptionIsMappedByTheServicesMapperInsteadOfA500() {
		ResponseEntity<JsonNode> answer = get("/greetings/locked");

		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getBody().get("detail").asString()).contains("reload and retry");
	}

	@Test
	void theContainersErrorPageIsAProblemDocumentToo() {
		ResponseEntity<JsonNode> answer = get("/teapot", "X-Request-Id", "gateway-issued-43");

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(answer.getBody().get("instance").asString()).isEqualTo("/teapot");
		assertThat(answer.getBody().get("request_id").asString()).isEqualTo("gateway-issued-43");
		assertThat(answer.getBody().toString()).doesNotContain("internal reason", "trace\"", "exception");
	}

	@Test
	void aResponseStatusExceptionIsAProblemWithItsStatusAndReason() {
		ResponseEntity<JsonNode> answer = get("/greetings/gone");

		assertThat(answer.getStatusCode().value()).isEqualTo(410);
		assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(answer.getBody().get("detail").asString()).isEqualTo("This greeting is gone.");
		assertThat(answer.getBody().get("instance").asString()).isEqualTo("/greetings/gone");
	}

	@Test
	void aWellFormedRequestIdIsEchoedAndAMalformedOneNever() {
		ResponseEntity<JsonNode> ok = get("/greetings/ana", "X-Request-Id", "gateway-issued-42");
		ResponseEntity<JsonNode> hostile = get("/greetings/busy", "X-Request-Id", "<script>");

		assertThat(ok.getStatusCode().value()).isEqualTo(200);
		assertThat(ok.getHeaders().getFirst("X-Request-Id")).isEqualTo("gateway-issued-42");
		assertThat(hostile.getHeaders().getFirst("X-Request-Id")).isNull();
		assertThat(hostile.getBody().has("request_id")).isFalse();
	}

	@Test
	void bodiesAndTheirSchemasAreSnakeCase() {
		assertThat(get("/greetings/ana").getBody().propertyNames()).containsExactlyInAnyOrder("greeting_text",
				"recipient_name");

		JsonNode document = get("/v3/api-docs").getBody();
		assertThat(document.get("info").get("title").asString()).isEqualTo("minimal-service");
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		assertThat(document.get("paths").propertyNames()).contains("/greetings/{name}").doesNotContain("/error");
		assertThat(document.get("components").get("schemas").get("Greeting").get("properties").propertyNames())
			.containsExactlyInAnyOrder("greeting_text", "recipient_name");
	}

	@Test
	void theSharedDefaultsApplyBelowTheServicesOwnSettings() {
		assertThat(environment.getProperty("eureka.instance.lease-renewal-interval-in-seconds")).isEqualTo("5");
		assertThat(environment.getProperty("eureka.instance.lease-expiration-duration-in-seconds")).isEqualTo("42");
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
			.isEqualTo(System.getenv().getOrDefault("EUREKA_URI", "http://localhost:8761/eureka/"));
		assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("minimal-service");
		assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
		assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
		assertThat(RestClient.create("http://localhost:" + port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class)).contains("jvm_memory_used_bytes");
	}

}
