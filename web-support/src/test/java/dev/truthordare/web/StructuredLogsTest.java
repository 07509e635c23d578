package dev.truthordare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.web.testapp.MinimalService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs as JSON on request ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, what
 * {@code TOD_LOG_FORMAT=json ./run} sets): each line an object a log pipeline reads
 * without a pattern, naming the service and instance and carrying the request id (and,
 * with the agent, {@code trace_id} and {@code span_id} from the same logging context).
 */
@SpringBootTest(classes = MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service",
				"logging.structured.format.console=ecs", "logging.structured.ecs.service.node-name=minimal-service-2" })
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void aLineLoggedWhileServingIsJsonWithServiceInstanceAndRequestId(CapturedOutput output) {
		RestClient.create("http://localhost:" + port)
			.get()
			.uri("/logged")
			.header("X-Request-Id", "player-request-4242")
			.retrieve()
			.toBodilessEntity();

		List<JsonNode> lines = output.getOut()
			.lines()
			.filter(line -> line.contains("greeting served"))
			.map(line -> JSON.readTree(line))
			.toList();
		assertThat(lines).singleElement().satisfies(line -> {
			assertThat(line.path("message").asString()).isEqualTo("greeting served");
			assertThat(line.path("request_id").asString()).isEqualTo("player-request-4242");
			assertThat(line.path("service").path("name").asString()).isEqualTo("minimal-service");
			assertThat(line.path("service").path("node").path("name").asString()).isEqualTo("minimal-service-2");
			assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
		});
	}

}
