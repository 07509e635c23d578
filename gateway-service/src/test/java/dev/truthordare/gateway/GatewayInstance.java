package dev.truthordare.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * One gateway, started as its own application context, routing every service to the stub.
 */
public final class GatewayInstance implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private final String managementUrl;

	public GatewayInstance(String upstreamUrl, int redisPort, String... extraProperties) {
		List<String> properties = new ArrayList<>(
				List.of("server.port=0", "eureka.client.enabled=false", "spring.data.redis.port=" + redisPort,
						// generous, so a busy build machine never turns a Redis answer
						// into a fail-open pass
						"spring.data.redis.timeout=3s",
						// the default flags, whatever a broker on this machine holds:
						// tests
						// set flag states on the provider (ApiV1SunsetTest)
						"flags.reader.enabled=false"));
		for (String service : List.of("content-service", "rating-service", "translation-service", "cms-service")) {
			properties.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri=" + upstreamUrl);
		}
		properties.addAll(List.of(extraProperties));
		// as command-line arguments, so they win over application.yml's
		// environment-variable defaults
		context = new SpringApplicationBuilder(GatewayApplication.class)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
		Environment environment = context.getEnvironment();
		baseUrl = "http://localhost:" + environment.getProperty("local.server.port");
		managementUrl = "http://127.0.0.1:" + environment.getProperty("local.management.port");
	}

	public HttpResponse<String> send(String method, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString("{}"));
		if (!method.equals("GET")) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A bean of the running gateway, for tests that set its state directly. */
	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public String url() {
		return baseUrl;
	}

	/** The gateway's Prometheus metrics, from its management port (loopback only). */
	public String metrics() throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	public String managementUrl() {
		return managementUrl;
	}

	@Override
	public void close() {
		context.close();
	}

}
