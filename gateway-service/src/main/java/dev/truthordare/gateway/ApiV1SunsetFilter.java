package dev.truthordare.gateway;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.truthordare.events.flags.DefaultFlags;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The v1 sunset rehearsal: with the {@code api.v1} flag off for a client (its
 * {@code X-Client-Id} is the targeting key, so a rollout switches v1 off for a stable
 * share of clients), every player request under {@code /api/v1/} answers 410 Gone with a
 * {@code Link} to the same path under {@code /api/v2/} ({@code rel="successor-version"},
 * RFC 5829). The mapping is mechanical: the link names the v2 equivalent of the path,
 * which exists for truths, dares and stats. Staff ({@code /api/v1/cms/}) and the health
 * check are not the players' API and always pass. Evaluated in process (the flag states
 * come from {@code flags.v1}), before authentication: a retired API is gone for everyone.
 */
@Component
class ApiV1SunsetFilter implements WebFilter, Ordered {

	private static final String V1 = "/api/v1/";

	private final Client flags;

	ApiV1SunsetFilter(Client flags) {
		this.flags = flags;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!playerV1(path)) {
			return chain.filter(exchange);
		}
		String clientId = exchange.getRequest().getHeaders().getFirst("X-Client-Id");
		EvaluationContext context = clientId == null || clientId.isBlank() ? new ImmutableContext()
				: new ImmutableContext(clientId);
		if (flags.getBooleanValue(DefaultFlags.API_V1, true, context)) {
			return chain.filter(exchange);
		}
		String successor = "/api/v2/" + path.substring(V1.length());
		String query = exchange.getRequest().getURI().getRawQuery();
		String link = query == null ? successor : successor + "?" + query;
		exchange.getResponse().getHeaders().add("Link", "<" + link + ">; rel=\"successor-version\"");
		return Problems.drainBody(exchange, 64 * 1024)
			.then(Problems.write(exchange, Problems.of(exchange, HttpStatus.GONE,
					"API v1 is retired; use " + successor + " (see the Link header).")));
	}

	static boolean playerV1(String path) {
		return path.startsWith(V1) && !path.startsWith(V1 + "cms/") && !path.equals(V1 + "cms")
				&& !path.equals(V1 + "health") && !path.startsWith(V1 + "health/");
	}

	/** After the request id and the edge guard (hostile headers), before security. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
