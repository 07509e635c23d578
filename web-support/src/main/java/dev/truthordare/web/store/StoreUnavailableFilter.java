package dev.truthordare.web.store;

import dev.truthordare.web.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@link StoreUnavailable} when a filter after this one (a security filter that
 * looks up the token's account, say) fails because the store cannot be reached. Without
 * it the failure left the filter chain, the container logged a stack trace for every such
 * request, and only its error page turned it into the 503.
 */
public class StoreUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(StoreUnavailableFilter.class);

	private final StoreProperties properties;

	private final JsonMapper json;

	public StoreUnavailableFilter(StoreProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException failure) {
			if (!StoreFailures.isUnavailable(failure) || response.isCommitted()) {
				throw failure;
			}
			log.warn("Store unavailable, answering 503: {}", failure.toString());
			StoreUnavailable problem = new StoreUnavailable(properties.retryAfter());
			ProblemDetail body = ProblemResponses.problem(request, HttpStatus.SERVICE_UNAVAILABLE,
					problem.getMessage());
			problem.properties().forEach(body::setProperty);
			response.resetBuffer();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			problem.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), body);
		}
	}

}
