package dev.truthordare.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The exemplar source reads the current OpenTelemetry span, as the agent makes it current
 * around a request; here an SDK span stands in for the agent's.
 */
class TraceExemplarsTest {

	private final SdkTracerProvider sampling = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();

	private final SdkTracerProvider notSampling = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build();

	private final TraceExemplars exemplars = new TraceExemplars();

	@AfterEach
	void close() {
		sampling.close();
		notSampling.close();
	}

	@Test
	void aSampledCurrentSpanGivesItsTraceAndSpanIds() {
		Span span = sampling.get("test").spanBuilder("request").startSpan();
		try (Scope ignored = span.makeCurrent()) {
			assertThat(exemplars.isCurrentSpanSampled()).isTrue();
			assertThat(exemplars.getCurrentTraceId()).isEqualTo(span.getSpanContext().getTraceId()).hasSize(32);
			assertThat(exemplars.getCurrentSpanId()).isEqualTo(span.getSpanContext().getSpanId()).hasSize(16);
			exemplars.markCurrentSpanAsExemplar();
		}
		finally {
			span.end();
		}
	}

	@Test
	void anUnsampledSpanGivesNoExemplar() {
		Span span = notSampling.get("test").spanBuilder("request").startSpan();
		try (Scope ignored = span.makeCurrent()) {
			assertThat(span.getSpanContext().isValid()).isTrue();
			assertThat(exemplars.isCurrentSpanSampled()).isFalse();
			assertThat(exemplars.getCurrentTraceId()).isNull();
			assertThat(exemplars.getCurrentSpanId()).isNull();
		}
		finally {
			span.end();
		}
	}

	@Test
	void noCurrentSpanGivesNoExemplar() {
		assertThat(exemplars.isCurrentSpanSampled()).isFalse();
		assertThat(exemplars.getCurrentTraceId()).isNull();
		assertThat(exemplars.getCurrentSpanId()).isNull();
	}

	@Test
	void bootsPrometheusRegistryPutsTheTraceOnTheHistogramBucketsItScrapesAsOpenMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TraceExemplarsAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class))
			.withBean(Clock.class, () -> Clock.SYSTEM)
			.run(context -> {
				assertThat(context).hasSingleBean(SpanContext.class).hasSingleBean(TraceExemplars.class);
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				Timer timer = Timer.builder("work")
					.serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
					.register(registry);
				Tracer tracer = sampling.get("test");
				Span span = tracer.spanBuilder("request").startSpan();
				try (Scope ignored = span.makeCurrent()) {
					timer.record(Duration.ofMillis(40));
				}
				finally {
					span.end();
				}

				String openMetrics = registry.scrape("application/openmetrics-text; version=1.0.0");
				assertThat(openMetrics.lines().filter(line -> line.startsWith("work_seconds_bucket{le=\"0.1\"}")))
					.singleElement()
					.asString()
					.contains("# {span_id=\"" + span.getSpanContext().getSpanId() + "\",trace_id=\""
							+ span.getSpanContext().getTraceId() + "\"} 0.04");
				// the classic text format has no exemplars
				assertThat(registry.scrape("text/plain; version=0.0.4")).doesNotContain("trace_id");
			});
	}

	@Test
	void backsOffForTheApplicationsOwnExemplarSource() {
		SpanContext own = new TraceExemplars();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TraceExemplarsAutoConfiguration.class))
			.withBean("own", SpanContext.class, () -> own)
			.run(context -> assertThat(context.getBean(SpanContext.class)).isSameAs(own));
	}

}
