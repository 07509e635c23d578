package dev.truthordare.gateway;

import io.opentelemetry.api.trace.Span;
import java.util.UUID;
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
 * logged with the trace id in the access log. A WebFilter, so unrouted requests get one
 * too.
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

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

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
		String traceId = Span.current().getSpanContext().getTraceId();
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
