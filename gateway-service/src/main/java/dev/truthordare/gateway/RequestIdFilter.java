package dev.truthordare.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's when well-formed, else a new one. It is passed to the
 * service, echoed in the response and put in every problem. A WebFilter, so unrouted requests get one too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = incoming != null && WELL_FORMED.matcher(incoming).matches()
                ? incoming : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, requestId)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        return chain.filter(withId);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
