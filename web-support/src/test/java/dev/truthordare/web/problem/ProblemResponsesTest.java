package dev.truthordare.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemResponsesTest {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	private static MockHttpServletRequest request(String requestId) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things/7");
		if (requestId != null) {
			request.addHeader("X-Request-Id", requestId);
		}
		return request;
	}

	@Test
	void aProblemCarriesTheTraceOfTheCurrentSpan() {
		SpanContext context = SpanContext.create(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(),
				TraceState.getDefault());
		ProblemDetail problem;
		try (Scope ignored = Span.wrap(context).makeCurrent()) {
			problem = ProblemResponses.problem(request("req-12345678"), HttpStatus.NOT_FOUND, "No such thing.");
		}

		assertThat(problem.getProperties()).containsEntry("trace_id", TRACE)
			.containsEntry("request_id", "req-12345678");
		assertThat(problem.getInstance()).hasToString("/api/v1/things/7");
	}

	@Test
	void withoutASpanTheTraceIdComesFromTheLoggingContext() {
		MDC.put("trace_id", TRACE);

		ProblemDetail problem = ProblemResponses.problem(request(null), HttpStatus.BAD_REQUEST, "No.");

		assertThat(problem.getProperties()).containsEntry("trace_id", TRACE).doesNotContainKey("request_id");
	}

	@Test
	void withoutAnyTraceOrWellFormedRequestIdNeitherMemberAppears() {
		ProblemDetail problem = ProblemResponses.problem(request("short"), HttpStatus.BAD_REQUEST, "No.");

		assertThat(problem.getProperties()).isNullOrEmpty();
	}

}
