package dev.truthordare.observability;

import io.opentelemetry.api.trace.Span;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Gives the Prometheus registry its exemplar source: Boot's
 * {@code PrometheusMetricsExportAutoConfiguration} passes the one {@link SpanContext}
 * bean, if any, to the {@code PrometheusMeterRegistry}, which then attaches the current
 * trace to the histogram buckets (and counters) it records. Backs off when the
 * application defines its own (for instance Boot's, should Micrometer Tracing ever be
 * added).
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnClass(value = { SpanContext.class, Span.class },
		name = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
public final class TraceExemplarsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SpanContext.class)
	TraceExemplars traceExemplars() {
		return new TraceExemplars();
	}

}
