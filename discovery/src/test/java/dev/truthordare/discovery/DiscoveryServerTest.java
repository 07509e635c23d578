package dev.truthordare.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryServerTest {

	@LocalServerPort
	int port;

	@Test
	void theRegistryAnswersAndTheServerIsHealthy() {
		RestClient http = RestClient.create("http://localhost:" + port);

		String apps = http.get().uri("/eureka/apps").header("Accept", "application/json").retrieve().body(String.class);
		String health = http.get().uri("/actuator/health").retrieve().body(String.class);

		assertThat(apps).contains("\"applications\"");
		assertThat(health).contains("\"UP\"");
	}

}
