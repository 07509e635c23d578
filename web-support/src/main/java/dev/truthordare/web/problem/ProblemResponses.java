package dev.truthordare.web.problem;

import dev.truthordare.web.request.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problems the same way for controllers, {@link ProblemHandler} and
 * security filters: the request path as {@code instance}, the gateway's
 * {@code request_id} and the {@code trace_id} SREs look up in the traces.
 */
public class ProblemResponses {

	public static final String TRACE_ID = "trace_id";

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	public static ProblemDetail problem(HttpServletRequest request, HttpStatus status, String detail) {
		return decorate(ProblemDetail.forStatusAndDetail(status, detail), request);
	}

	public static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		RequestIds.of(request).ifPresent(requestId -> problem.setProperty(RequestIds.KEY, requestId));
		String traceId = traceId();
		if (traceId != null) {
			problem.setProperty(TRACE_ID, traceId);
		}
		return problem;
	}

	/**
	 * Writes a problem straight to the response, for filters that answer before any
	 * controller is chosen.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (status == HttpStatus.UNAUTHORIZED && !response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		json.writeValue(response.getOutputStream(), problem(request, status, detail));
	}

	/**
	 * The current trace: from the OpenTelemetry agent's span, else from a tracer that
	 * fills the logging MDC.
	 */
	private static String traceId() {
		SpanContext span = Span.current().getSpanContext();
		if (span.isValid()) {
			return span.getTraceId();
		}
		String fromLogs = MDC.get(TRACE_ID);
		return fromLogs == null || fromLogs.isBlank() ? null : fromLogs;
	}

}
