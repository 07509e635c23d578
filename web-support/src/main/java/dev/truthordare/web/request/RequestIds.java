package dev.truthordare.web.request;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: the gateway gives every request one and passes it on. A service
 * echoes and logs it and puts it in its problems, but only when well-formed: a malformed
 * one (possible only when a service is called directly) is never repeated back.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** The key of the request id in the logging MDC and in problem documents. */
	public static final String KEY = "request_id";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

	private RequestIds() {
	}

	public static boolean wellFormed(String requestId) {
		return requestId != null && WELL_FORMED.matcher(requestId).matches();
	}

	public static Optional<String> of(HttpServletRequest request) {
		String requestId = request.getHeader(HEADER);
		return wellFormed(requestId) ? Optional.of(requestId) : Optional.empty();
	}

}
