package dev.truthordare.web;

import dev.truthordare.web.testapp.MinimalService;
import dev.truthordare.web.testing.ProblemContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared problem documents, answered by a minimal service with nothing but
 * web-support.
 */
@SpringBootTest(classes = MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service" })
class ProblemContractTest implements ProblemContract {

	@LocalServerPort
	int port;

	@Override
	public int port() {
		return port;
	}

}
