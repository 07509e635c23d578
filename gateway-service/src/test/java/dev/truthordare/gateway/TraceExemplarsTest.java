package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.observability.TraceExemplars;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's route timers (what the players' SLOs read) have the SLO buckets, and each
 * bucket carries the trace id of the span that was current when a request landed in it,
 * scraped as Prometheus asks for it (OpenMetrics). In production the span is the
 * OpenTelemetry agent's, current while the gateway's metrics filter stops the timer (the
 * agent carries it through Reactor); that hand-over is the agent's and is not part of
 * this test: here the route's timer is recorded on the test's thread under a sampled
 * span.
 */
class TraceExemplarsTest {

	/**
	 * Prometheus's own Accept header (2.x): OpenMetrics first, the text format second.
	 */
	private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
			+ "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

	private ScriptedUpstream upstream;

	private GatewayInstance gateway;

	@BeforeEach
	void start() throws Exception {
		upstream = new ScriptedUpstream(path -> new ScriptedUpstream.Answer(200, "{\"ok\":true}"));
		gateway = new GatewayInstance(upstream.url(), 1);
	}

	@AfterEach
	void stop() {
		gateway.close();
		upstream.close();
	}

	private String scrape(String accept) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/actuator/prometheus"))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static List<String> contentBuckets(String metrics) {
		return metrics.lines()
			.filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_bucket{"))
			.filter(line -> line.contains("routeId=\"content\"") && line.contains("httpStatusCode=\"200\""))
			.toList();
	}

	@Test
	void theRouteTimersBucketCarriesTheTraceOfASampledRequest() throws Exception {
		assertThat(gateway.send("GET", "/api/v1/truths/t-1").statusCode()).isEqualTo(200);
		// no agent in this JVM, so no span was current: no exemplar yet
		assertThat(contentBuckets(scrape(PROMETHEUS_ACCEPT))).isNotEmpty().noneMatch(line -> line.contains(" # {"));
		assertThat(gateway.bean(io.prometheus.metrics.tracer.common.SpanContext.class))
			.isInstanceOf(TraceExemplars.class);

		Timer route = gateway.bean(MeterRegistry.class)
			.get("spring.cloud.gateway.requests")
			.tag("routeId", "content")
			.tag("httpStatusCode", "200")
			.timer();
		SpanContext sampled = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		// the sampler takes one observation per 90 ms at most, so the request above may
		// hold it off briefly
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			try (Scope ignored = Span.wrap(sampled).makeCurrent()) {
				route.record(Duration.ofMillis(30));
			}
			List<String> buckets = contentBuckets(scrape(PROMETHEUS_ACCEPT));
			// the SLO buckets of application.yml, 100 ms being the player-reads-latency
			// SLO's
			assertThat(buckets).anyMatch(line -> line.contains("le=\"0.025\""))
				.anyMatch(line -> line.contains("le=\"0.1\""))
				.anyMatch(line -> line.contains("le=\"10.0\""));
			assertThat(buckets).filteredOn(line -> line.contains(" # {"))
				.singleElement()
				.asString()
				.contains("le=\"0.05\"")
				.contains("span_id=\"00f067aa0ba902b7\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"");
		});
	}

	@Test
	void anUnsampledSpanLeavesNoExemplar() throws Exception {
		assertThat(gateway.send("GET", "/api/v1/truths/t-2").statusCode()).isEqualTo(200);
		Timer route = gateway.bean(MeterRegistry.class)
			.get("spring.cloud.gateway.requests")
			.tag("routeId", "content")
			.tag("httpStatusCode", "200")
			.timer();
		SpanContext unsampled = SpanContext.create("5b8aa5a2d2c872e8321cf37308d69df2", "00f067aa0ba902b7",
				TraceFlags.getDefault(), TraceState.getDefault());
		// over several of the sampler's 90 ms intervals, so that it looked at some of
		// these observations
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> {
				try (Scope ignored = Span.wrap(unsampled).makeCurrent()) {
					route.record(Duration.ofMillis(30));
				}
				assertThat(contentBuckets(scrape(PROMETHEUS_ACCEPT))).isNotEmpty()
					.noneMatch(line -> line.contains(" # {"));
			});
	}

}
