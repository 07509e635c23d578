package dev.truthordare.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The cheap checks every request passes before it reaches a route: security headers on every answer, and bodies
 * over the limit refused with 413 before anything is read or forwarded.
 */
@Component
class EdgeGuardFilter implements WebFilter, Ordered {

    private final long maxBodyBytes;

    EdgeGuardFilter(@Value("${gateway.max-body-size:64KB}") DataSize maxBodySize) {
        this.maxBodyBytes = maxBodySize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders response = exchange.getResponse().getHeaders();
        response.set("X-Content-Type-Options", "nosniff");
        response.set("Referrer-Policy", "no-referrer");
        response.set("X-Frame-Options", "DENY");
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            response.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBodyBytes) {
            return Problems.write(exchange, Problems.of(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "Request bodies are limited to " + maxBodyBytes / 1024 + " KiB."));
        }
        return chain.filter(withProblemBodies(exchange));
    }

    /**
     * Gateway filters such as RequestRateLimiter end a request with a bare status; this gives those answers the
     * problem+json body every error of the API has.
     */
    private static ServerWebExchange withProblemBodies(ServerWebExchange exchange) {
        ServerWebExchange[] decorated = new ServerWebExchange[1];
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.isError() && !isCommitted() && getHeaders().getContentType() == null) {
                    return Problems.write(decorated[0], Problems.of(decorated[0], status, detailFor(status, getHeaders())));
                }
                return super.setComplete();
            }
        };
        decorated[0] = exchange.mutate().response(response).build();
        return decorated[0];
    }

    private static String detailFor(HttpStatusCode status, HttpHeaders headers) {
        if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return "Too many requests of this kind from this client; retry after " + headers.getFirst("Retry-After")
                    + " s. Send a stable X-Client-Id to get a bucket of your own.";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "The request was refused." : known.getReasonPhrase() + ".";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id
    }
}
