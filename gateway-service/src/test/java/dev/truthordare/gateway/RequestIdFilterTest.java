package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a player can quote from any answer: its request id and the trace id, in the
 * {@code traceresponse} header and in every problem the gateway writes, so an SRE opens
 * the trace straight from a screenshot.
 */
class RequestIdFilterTest {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN = "00f067aa0ba902b7";

	private static MockServerWebExchange refused(RequestIdFilter filter) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/v1/nowhere").header("X-Request-Id", "player-request-0001"));
		filter
			.filter(exchange,
					routed -> Problems.write(routed,
							Problems.of(routed, HttpStatus.NOT_FOUND, "No route for /api/v1/nowhere.")))
			.block();
		return exchange;
	}

	@Test
	void everyAnswerCarriesItsTraceAndEveryProblemItsTraceId() {
		MockServerWebExchange exchange = refused(new RequestIdFilter(
				() -> SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())));

		assertThat(exchange.getResponse().getHeaders().getFirst("traceresponse"))
			.isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo("player-request-0001");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"request_id\":\"player-request-0001\"")
			.contains("\"trace_id\":\"" + TRACE + "\"");
	}

	@Test
	void withoutATraceNoneIsMadeUp() {
		MockServerWebExchange exchange = refused(new RequestIdFilter(SpanContext::getInvalid));

		assertThat(exchange.getResponse().getHeaders().containsHeader("traceresponse")).isFalse();
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"request_id\":\"player-request-0001\"")
			.doesNotContain("trace_id");
	}

	@Test
	void anUnsampledTraceSaysSo() {
		ServerWebExchange exchange = refused(new RequestIdFilter(
				() -> SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault())));

		assertThat(exchange.getResponse().getHeaders().getFirst("traceresponse")).endsWith("-00");
	}

}
