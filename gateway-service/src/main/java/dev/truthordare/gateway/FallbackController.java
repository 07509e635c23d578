package dev.truthordare.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends requests it will not pass on: a 503 problem with
 * Retry-After.
 */
@RestController
class FallbackController {

	@RequestMapping("/fallback/{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set("Retry-After", "5");
		return Problems.write(exchange, Problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				service + " is not available right now; try again in a few seconds."));
	}

}
