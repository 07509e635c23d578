package dev.truthordare.gateway;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's when well-formed, else a new
 * one. It is passed to the service, echoed in the response, put in every problem and
 * logged with the trace id in the access log. Every answer also carries its trace, as W3C
 * Trace Context's {@code traceresponse} header ({@code 00-<trace id>-<gateway span
 * id>-<flags>}), and every problem its {@code trace_id}: a player's screenshot leads
 * straight to the trace. A WebFilter, so unrouted requests get both too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	/**
	 * One line per request tying its request id to its trace; turn off with
	 * LOGGING_LEVEL_ACCESS=off.
	 */
	private static final Logger ACCESS = LoggerFactory.getLogger("access");
	static final String HEADER = "X-Request-Id";
	static final String ATTRIBUTE = RequestIdFilter.class.getName();

	static final String TRACE_RESPONSE = "traceresponse";

	static final String TRACE_ATTRIBUTE = ATTRIBUTE + ".trace";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

	/** The span the agent opened for this request, if there is an agent. */
	private final Supplier<SpanContext> currentSpan;

	RequestIdFilter() {
		this(() -> Span.current().getSpanContext());
	}

	RequestIdFilter(Supplier<SpanContext> currentSpan) {
		this.currentSpan = currentSpan;
	}

	/** The request's trace id, or null without an agent (none is made up). */
	static String traceId(ServerWebExchange exchange) {
		return exchange.getAttribute(TRACE_ATTRIBUTE);
	}

	static String requestId(ServerWebExchange exchange) {
		String id = exchange.getAttribute(ATTRIBUTE);
		return id == null ? "unknown" : id;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming
				: UUID.randomUUID().toString();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(HEADER, requestId);
		ServerWebExchange withId = exchange.mutate()
			.request(request -> request.headers(headers -> headers.set(HEADER, requestId)))
			.build();
		withId.getAttributes().put(ATTRIBUTE, requestId);
		SpanContext span = currentSpan.get();
		String traceId = span.isValid() ? span.getTraceId() : null;
		if (traceId != null) {
			exchange.getAttributes().put(TRACE_ATTRIBUTE, traceId);
			exchange.getResponse()
				.getHeaders()
				.set(TRACE_RESPONSE, "00-" + traceId + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
		}
		long start = System.nanoTime();
		return chain.filter(withId)
			.doFinally(signal -> ACCESS.info("{} {} {} {} ms request_id={} trace_id={}",
					exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					exchange.getResponse().getStatusCode() == null ? "-"
							: exchange.getResponse().getStatusCode().value(),
					(System.nanoTime() - start) / 1_000_000, requestId, traceId));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
