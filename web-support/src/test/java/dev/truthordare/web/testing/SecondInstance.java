package dev.truthordare.web.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Another instance of the service a {@code @SpringBootTest} runs, in the same JVM: its
 * own application context on a free port, with discovery off, sharing the test's store
 * and Kafka broker (the properties named are copied from the test's environment). Tests
 * of what must hold with several instances put it beside the test's own instance, so both
 * see one store and one broker as two processes of a deployment would; everything a
 * service keeps in memory is its own, as in two processes.
 */
public final class SecondInstance implements AutoCloseable {

	/** What every instance must share with the test's: the store and the broker. */
	public static final List<String> SHARED = List.of("spring.mongodb.uri", "spring.kafka.bootstrap-servers");

	private final ConfigurableApplicationContext context;

	private final int port;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(
				Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port"), "no web server"));
	}

	/**
	 * Starts {@code application} with the test's {@link #SHARED} settings and the
	 * {@code alsoCopied} ones.
	 */
	public static SecondInstance beside(Class<?> application, Environment test, String... alsoCopied) {
		Set<String> copied = new LinkedHashSet<>(SHARED);
		copied.addAll(List.of(alsoCopied));
		// command-line arguments: they outrank the service's application.yml (its fixed
		// port)
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--eureka.client.enabled=false"));
		for (String name : copied) {
			String value = test.getProperty(name);
			if (value == null) {
				throw new IllegalStateException("The test's environment has no " + name + " to share");
			}
			arguments.add("--" + name + "=" + value);
		}
		return new SecondInstance(new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new)));
	}

	public int port() {
		return port;
	}

	/** A client of this instance that hands back every answer, 4xx and 5xx included. */
	public RestClient http() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

}
