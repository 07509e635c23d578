package dev.truthordare.web.store;

import dev.truthordare.web.problem.ApiProblem;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The 503 a request gets while the service's store cannot be reached: a temporary state
 * the client may retry after {@code Retry-After} seconds, not a fault of the request. It
 * names neither the store's host nor the driver's message.
 */
public class StoreUnavailable extends ApiProblem {

	public StoreUnavailable(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE,
				"The service's data store is unavailable right now, so nothing was changed; retry after "
						+ seconds(retryAfter) + " s.");
		with("retry_after_seconds", seconds(retryAfter));
		withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(retryAfter)));
	}

	private static long seconds(Duration retryAfter) {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
