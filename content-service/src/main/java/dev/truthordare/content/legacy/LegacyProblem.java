package dev.truthordare.content.legacy;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal on the original paths: an RFC 9457 problem like everywhere else, which also
 * carries the original API's error members ({@code error}, {@code message},
 * {@code details}, {@code status_code}) so its clients' error handling keeps working.
 */
class LegacyProblem extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final Map<String, Object> details;

	LegacyProblem(HttpStatus status, String error, String message, Map<String, Object> details) {
		super(message);
		this.status = status;
		this.error = error;
		this.details = details;
	}

	static LegacyProblem unknownValue(HttpStatus status, String parameter, String value, List<String> allowed) {
		String noun = parameter.equals("category") ? "Category" : "Difficulty";
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requested_" + parameter, abbreviate(value));
		details.put("available_" + (parameter.equals("category") ? "categories" : "difficulties"), allowed);
		return new LegacyProblem(status, noun + "NotFoundError",
				noun + " '" + abbreviate(value) + "' not found. Available "
						+ (parameter.equals("category") ? "categories" : "difficulties") + ": "
						+ String.join(", ", allowed),
				details);
	}

	private static String abbreviate(String value) {
		return value.length() <= 40 ? value : value.substring(0, 40) + "…";
	}

	/** Ahead of the service's catch-all handler, and only for the legacy controller. */
	@RestControllerAdvice(assignableTypes = LegacyController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class Handler {

		private static final Pattern WELL_FORMED_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,128}");

		@ExceptionHandler(LegacyProblem.class)
		ProblemDetail refused(LegacyProblem e, HttpServletRequest request) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
			problem.setInstance(URI.create(request.getRequestURI()));
			problem.setProperty("error", e.error);
			problem.setProperty("message", e.getMessage());
			problem.setProperty("details", e.details);
			problem.setProperty("status_code", e.status.value());
			Object allowed = e.details.entrySet()
				.stream()
				.filter(entry -> entry.getKey().startsWith("available_"))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			if (allowed != null) {
				problem.setProperty("allowed_values", allowed);
			}
			String requestId = request.getHeader("X-Request-Id");
			if (requestId != null && WELL_FORMED_REQUEST_ID.matcher(requestId).matches()) {
				problem.setProperty("request_id", requestId);
			}
			return problem;
		}

	}

}
