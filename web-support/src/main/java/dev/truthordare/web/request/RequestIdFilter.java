package dev.truthordare.web.request;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes a well-formed {@code X-Request-Id} and puts it in the MDC, so this service's log
 * lines carry it too.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> requestId = RequestIds.of(request);
		if (requestId.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(RequestIds.HEADER, requestId.get());
		try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.KEY, requestId.get())) {
			chain.doFilter(request, response);
		}
	}

}
