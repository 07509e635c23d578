package dev.truthordare.web;

import dev.truthordare.web.testapp.MinimalService;
import dev.truthordare.web.testing.HeaderContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What web-support alone makes of hostile header values: never a 5xx, whatever the
 * service behind it.
 */
@SpringBootTest(classes = MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service" })
class HeaderContractTest implements HeaderContract {

	@LocalServerPort
	int port;

	@Override
	public int port() {
		return port;
	}

	@Override
	public List<Endpoint> hostileHeaderEndpoints() {
		return List.of(Endpoint.get("/greetings/ana"), Endpoint.get("/problem-contract/params?count=1"),
				Endpoint.post("/problem-contract/body", "{\"display_name\":\"Ana\",\"star_count\":3}"),
				Endpoint.get("/no-such-endpoint"));
	}

}
