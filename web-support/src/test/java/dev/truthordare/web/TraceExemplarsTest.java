package dev.truthordare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.web.testapp.MinimalService;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;

/**
 * A service's request durations carry, per histogram bucket, the trace id of a sampled
 * request that landed in it, as Prometheus scrapes them (OpenMetrics). In production the
 * OpenTelemetry agent makes the request's span current; this test's stand-in makes the
 * caller's {@code traceparent} current around the whole request instead, so the ids are
 * the caller's and the agent itself is not part of the test.
 */
@SpringBootTest(classes = { MinimalService.class, TraceExemplarsTest.AgentStandIn.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.application.name=minimal-service" })
class TraceExemplarsTest {

	/**
	 * Prometheus's own Accept header (2.x): OpenMetrics first, the text format second.
	 */
	private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
			+ "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

	private static final String SAMPLED_TRACE = "0af7651916cd43dd8448eb211c80319c";

	private static final String UNSAMPLED_TRACE = "5b8aa5a2d2c872e8321cf37308d69df2";

	@LocalServerPort
	int port;

	@TestConfiguration
	static class AgentStandIn {

		private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {

			@Override
			public Iterable<String> keys(HttpServletRequest request) {
				return Collections.list(request.getHeaderNames());
			}

			@Override
			public String get(HttpServletRequest request, String name) {
				return (request != null) ? request.getHeader(name) : null;
			}

		};

		/**
		 * Outside every other filter, as the agent's span is around the whole request.
		 */
		@Bean
		FilterRegistrationBean<Filter> currentTraceFromTraceparent() {
			Filter filter = (request, response, chain) -> {
				Context context = W3CTraceContextPropagator.getInstance()
					.extract(Context.root(), (HttpServletRequest) request, HEADERS);
				try (Scope ignored = context.makeCurrent()) {
					chain.doFilter(request, response);
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	private void get(String path, String traceparent) {
		client().get().uri(path).header("traceparent", traceparent).retrieve().toBodilessEntity();
	}

	private String scrape(String accept) {
		return client().get().uri("/actuator/prometheus").header("Accept", accept).retrieve().body(String.class);
	}

	private static List<String> requestBuckets(String metrics, String status) {
		return metrics.lines()
			.filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
			.filter(line -> line.contains("uri=\"/greetings/{name}\"") && line.contains("status=\"" + status + "\""))
			.toList();
	}

	@Test
	void aSampledRequestsTraceIdIsAnExemplarOfItsDurationBucket() {
		get("/greetings/sampled", "00-" + SAMPLED_TRACE + "-b7ad6b7169203331-01");

		String openMetrics = scrape(PROMETHEUS_ACCEPT);

		List<String> buckets = requestBuckets(openMetrics, "200");
		// the SLO buckets of web-support-defaults.yml
		assertThat(buckets).anyMatch(line -> line.contains("le=\"0.025\""))
			.anyMatch(line -> line.contains("le=\"0.1\""))
			.anyMatch(line -> line.contains("le=\"10.0\""));
		assertThat(buckets).filteredOn(line -> line.contains(" # {"))
			.singleElement()
			.asString()
			.contains("trace_id=\"" + SAMPLED_TRACE + "\"");
		// only where Prometheus 2.42 takes them: an exemplar elsewhere (a _count line)
		// makes
		// it drop the whole scrape
		assertThat(openMetrics.lines().filter(line -> line.contains(" # {")))
			.allMatch(line -> line.matches("[a-z_]+(_bucket|_total)\\{.*"));
		// the classic text format has no place for exemplars
		assertThat(scrape("text/plain;version=0.0.4")).doesNotContain(SAMPLED_TRACE);
	}

	@Test
	void anUnsampledRequestLeavesNoExemplar() {
		// 410: its own timer, so the sampled request of the other test does not share it
		get("/greetings/gone", "00-" + UNSAMPLED_TRACE + "-b7ad6b7169203331-00");

		String openMetrics = scrape(PROMETHEUS_ACCEPT);

		assertThat(requestBuckets(openMetrics, "410")).isNotEmpty().noneMatch(line -> line.contains(" # {"));
		assertThat(openMetrics).doesNotContain(UNSAMPLED_TRACE);
	}

}
