package dev.truthordare.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route, no instance, bad request, timeout) as
 * problem+json.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		HttpStatusCode status;
		String detail;
		if (error instanceof ResponseStatusException statusError) {
			status = statusError.getStatusCode();
			detail = switch (status.value()) {
				case 404 -> "No API resource lives at this path.";
				case 405 -> "This method is not allowed here.";
				case 503 -> "The service behind this path is not available right now; try again shortly.";
				default -> statusError.getReason() != null ? statusError.getReason()
						: HttpStatus.valueOf(status.value()).getReasonPhrase();
			};
			if (status.value() == 405 && statusError.getHeaders().getAllow() != null) {
				exchange.getResponse().getHeaders().setAllow(statusError.getHeaders().getAllow());
			}
		}
		else {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			detail = "The gateway failed to handle the request; quote the request id when reporting it.";
			log.error("Unhandled gateway error for {} {} (request {})", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), RequestIdFilter.requestId(exchange), error);
		}
		if (status.value() == 503) {
			exchange.getResponse().getHeaders().set("Retry-After", "5");
		}
		return Problems.write(exchange, Problems.of(exchange, status, detail));
	}

}
