package dev.truthordare.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The environment variables every servlet service has always read keep their names and
 * their defaults.
 */
class SharedDefaultsTest {

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yml",
					Map.of("spring.application.name", "some-service", "server.port", "8089")));
		new SharedDefaults().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void withoutVariablesEachSettingHasItsDocumentedDefault() {
		StandardEnvironment environment = environment(Map.of());

		assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("localhost:9092");
		assertThat(environment.getProperty("eureka.client.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
			.isEqualTo("http://localhost:8761/eureka/");
		assertThat(environment.getProperty("eureka.instance.hostname")).isEqualTo("localhost");
		assertThat(environment.getProperty("eureka.instance.prefer-ip-address")).isEqualTo("false");
		assertThat(environment.getProperty("eureka.instance.instance-id")).isEqualTo("some-service:8089");
		assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("some-service");
		assertThat(environment.getProperty("springdoc.open-api.info.title")).isEqualTo("some-service");
	}

	@Test
	void theVariablesStillOverrideThem() {
		StandardEnvironment environment = environment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
				"EUREKA_ENABLED", "false", "EUREKA_URI", "http://discovery:8761/eureka/", "EUREKA_INSTANCE_HOSTNAME",
				"rating-7", "EUREKA_PREFER_IP_ADDRESS", "true"));

		assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka-1:9092");
		assertThat(environment.getProperty("eureka.client.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
			.isEqualTo("http://discovery:8761/eureka/");
		assertThat(environment.getProperty("eureka.instance.hostname")).isEqualTo("rating-7");
		assertThat(environment.getProperty("eureka.instance.prefer-ip-address")).isEqualTo("true");
	}

	@Test
	void aServicesOwnSettingWinsOverTheSharedOne() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("cms application.yml",
					Map.of("spring.jackson.default-property-inclusion", "always")));

		assertThat(environment.getProperty("spring.jackson.default-property-inclusion")).isEqualTo("always");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(SharedDefaults.NAME);
	}

}
