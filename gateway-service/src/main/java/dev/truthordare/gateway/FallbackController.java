package dev.truthordare.gateway;

import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends requests it will not pass on: a 503 problem with
 * Retry-After. Internal only: a request from outside has matched no route (the breaker's
 * {@code forward:} keeps the route on the exchange), so it gets the 404 of any unknown
 * path, and the answer names only services the gateway routes to, never the caller's
 * text.
 */
@RestController
class FallbackController {

	private static final Set<String> SERVICES = Set.of("content-service", "rating-service", "translation-service",
			"cms-service");

	@RequestMapping("/fallback/{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
			return Problems.write(exchange,
					Problems.of(exchange, HttpStatus.NOT_FOUND, "There is no resource at this path."));
		}
		exchange.getResponse().getHeaders().set("Retry-After", "5");
		String name = SERVICES.contains(service) ? service : "The service";
		return Problems.write(exchange, Problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				name + " is not available right now; try again in a few seconds."));
	}

}
