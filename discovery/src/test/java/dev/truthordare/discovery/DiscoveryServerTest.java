package dev.truthordare.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "EUREKA_USERNAME=registry", "EUREKA_PASSWORD=s3cret-for-this-test" })
class DiscoveryServerTest {

	private static final String INSTANCE = """
			{"instance": {"instanceId": "evil:1", "hostName": "attacker.example", "app": "CONTENT-SERVICE",
			 "ipAddr": "203.0.113.7", "status": "UP", "port": {"$": 80, "@enabled": "true"},
			 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
			""";

	@LocalServerPort
	int port;

	private RestClient http(String user, String password) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			});
		if (user != null) {
			builder.defaultHeaders(headers -> headers.setBasicAuth(user, password));
		}
		return builder.build();
	}

	private ResponseEntity<String> register(RestClient http) {
		return http.post()
			.uri("/eureka/apps/CONTENT-SERVICE")
			.contentType(MediaType.APPLICATION_JSON)
			.body(INSTANCE)
			.retrieve()
			.toEntity(String.class);
	}

	@Test
	void theRegistryAnswersItsClientsAndTheServerIsHealthyForAnyone() {
		String apps = http("registry", "s3cret-for-this-test").get()
			.uri("/eureka/apps")
			.header("Accept", "application/json")
			.retrieve()
			.body(String.class);
		ResponseEntity<String> health = http(null, null).get()
			.uri("/actuator/health")
			.retrieve()
			.toEntity(String.class);

		assertThat(apps).contains("\"applications\"");
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).contains("\"UP\"").doesNotContain("Exception");
	}

	@Test
	void anonymousCallersCanNeitherRegisterNorDeleteNorReadInstances() {
		RestClient anonymous = http(null, null);

		assertThat(register(anonymous).getStatusCode().value()).isEqualTo(401);
		assertThat(anonymous.delete()
			.uri("/eureka/apps/CONTENT-SERVICE/evil:1")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(anonymous.get().uri("/eureka/apps").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(401);
	}

	@Test
	void aWrongPasswordIsRefusedAndTheRightOneRegistersAndDeletes() {
		assertThat(register(http("registry", "guess")).getStatusCode().value()).isEqualTo(401);

		RestClient client = http("registry", "s3cret-for-this-test");
		assertThat(register(client).getStatusCode().value()).isEqualTo(204);
		assertThat(client.delete()
			.uri("/eureka/apps/CONTENT-SERVICE/evil:1")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
	}

	@Test
	void aEurekaClientWithTheCredentialsInItsServiceUrlRegisters() {
		EurekaHttpClient client = new RestClientTransportClientFactory(Optional.empty(), Optional.empty(),
				new DefaultEurekaClientHttpRequestFactorySupplier(new TimeoutProperties(), Set.of()),
				RestClient::builder)
			.newClient(new DefaultEndpoint("http://registry:s3cret-for-this-test@127.0.0.1:" + port + "/eureka/"));
		InstanceInfo instance = InstanceInfo.Builder.newBuilder()
			.setAppName("RATING-SERVICE")
			.setInstanceId("rating-service:8082")
			.setHostName("127.0.0.1")
			.setIPAddr("127.0.0.1")
			.setPort(8082)
			.setDataCenterInfo(new MyDataCenterInfo(DataCenterInfo.Name.MyOwn))
			.build();

		assertThat(client.register(instance).getStatusCode()).isEqualTo(204);
		assertThat(client.getApplication("RATING-SERVICE").getEntity().getInstances())
			.extracting(InstanceInfo::getHostName)
			.containsExactly("127.0.0.1");
		client.shutdown();
	}

}
