package dev.truthordare.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code web-support-defaults.yml} (discovery, actuator, Kafka serialisation,
 * OpenAPI document, error and logging settings every servlet service shares) below every
 * other property source: a service's own application.yml, environment variables and test
 * properties all override it.
 */
public class SharedDefaults implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "web-support-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME, new ClassPathResource(NAME))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + NAME + " from web-support", e);
		}
	}

	/**
	 * After the application's own configuration files are loaded, so that this lands
	 * below them.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
