package dev.truthordare.gateway;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The cheap checks every request passes before it reaches a route, each refusal a problem+json: URLs over 4 KiB
 * (414), oversized headers (431), methods no API uses (405 with {@code Allow}), paths that try to smuggle
 * another path past the routes (400), bodies over the limit (413, before anything is read) and bodies that are
 * not JSON (415). Security headers go on every answer.
 */
@Component
class EdgeGuardFilter implements WebFilter, Ordered {

    private static final Set<HttpMethod> API_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    /**
     * Encoded dots, slashes, backslashes, percent signs and NULs, matrix parameters, dot segments and empty
     * segments: no API path contains them, and each is a way to make a proxy and a service disagree on the path.
     */
    private static final Pattern PATH_TRICK = Pattern.compile(
            "(?i).*(%2e|%2f|%5c|%25|%00|;|\\\\|//|/\\.\\.?(/|$)).*");

    private final long maxBodyBytes;
    private final int maxUriLength;
    private final long maxHeaderBytes;

    EdgeGuardFilter(@Value("${gateway.max-body-size:64KB}") DataSize maxBodySize,
            @Value("${gateway.max-uri-length:4096}") int maxUriLength,
            @Value("${gateway.max-header-size:8KB}") DataSize maxHeaderSize) {
        this.maxBodyBytes = maxBodySize.toBytes();
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderSize.toBytes();
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
        ProblemDetail refusal = refusal(exchange);
        if (refusal != null) {
            return Problems.write(exchange, refusal);
        }
        return chain.filter(withProblemBodies(exchange));
    }

    private ProblemDetail refusal(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        int uriLength = rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > maxUriLength) {
            return Problems.of(exchange, HttpStatus.URI_TOO_LONG,
                    "URLs are limited to " + maxUriLength + " characters; this one has " + uriLength + ".");
        }
        long headerBytes = request.getHeaders().headerSet().stream()
                .mapToLong(header -> header.getValue().stream()
                        .mapToLong(value -> header.getKey().length() + value.length() + 4).sum())
                .sum();
        if (headerBytes > maxHeaderBytes) {
            return Problems.of(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "Request headers are limited to " + maxHeaderBytes / 1024 + " KiB in all.");
        }
        if (!API_METHODS.contains(request.getMethod())) {
            exchange.getResponse().getHeaders().setAllow(API_METHODS);
            return Problems.of(exchange, HttpStatus.METHOD_NOT_ALLOWED,
                    "No API resource accepts the method " + request.getMethod().name() + ".");
        }
        if (PATH_TRICK.matcher(rawPath).matches()) {
            return Problems.of(exchange, HttpStatus.BAD_REQUEST, "The path contains encoded separators, dot"
                    + " segments, empty segments or ';' parameters, which no API path has.");
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBodyBytes) {
            return Problems.of(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "Request bodies are limited to " + maxBodyBytes / 1024 + " KiB.");
        }
        boolean hasBody = declared > 0 || request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (hasBody && !isJson(request.getHeaders())) {
            exchange.getResponse().getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON));
            return Problems.of(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies must be JSON (Content-Type: application/json).");
        }
        return null;
    }

    private static boolean isJson(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || "application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
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
