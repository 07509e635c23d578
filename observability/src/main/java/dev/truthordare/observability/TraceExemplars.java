package dev.truthordare.observability;

import io.opentelemetry.api.trace.Span;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * The exemplar source of the Prometheus registry: the trace and span of the current
 * OpenTelemetry span, which is the agent's (it bridges the {@code opentelemetry-api} of
 * the application's class loader), so an exemplar leads to a trace the trace store has.
 * Micrometer Tracing is not on the class path, so Boot's own exemplar support has no span
 * to read. Only a valid, sampled span gives ids: an unsampled trace was never exported,
 * and an exemplar pointing at it would lead nowhere.
 */
public final class TraceExemplars implements SpanContext {

	@Override
	public String getCurrentTraceId() {
		io.opentelemetry.api.trace.SpanContext span = sampledSpan();
		return (span != null) ? span.getTraceId() : null;
	}

	@Override
	public String getCurrentSpanId() {
		io.opentelemetry.api.trace.SpanContext span = sampledSpan();
		return (span != null) ? span.getSpanId() : null;
	}

	@Override
	public boolean isCurrentSpanSampled() {
		return sampledSpan() != null;
	}

	/**
	 * Nothing to do: the agent samples at the trace's start (parent-based), so the span
	 * is exported whether or not it became an exemplar; there is no attribute to set for
	 * a tail sampler here.
	 */
	@Override
	public void markCurrentSpanAsExemplar() {
	}

	private static io.opentelemetry.api.trace.SpanContext sampledSpan() {
		io.opentelemetry.api.trace.SpanContext span = Span.current().getSpanContext();
		return (span.isValid() && span.isSampled()) ? span : null;
	}

}
