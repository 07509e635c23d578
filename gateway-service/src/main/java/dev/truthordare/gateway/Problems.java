package dev.truthordare.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem documents written by the gateway itself. */
final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	static ProblemDetail of(ServerWebExchange exchange, HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(originalPath(exchange));
		problem.setProperty("request_id", RequestIdFilter.requestId(exchange));
		String traceId = RequestIdFilter.traceId(exchange);
		if (traceId != null) {
			problem.setProperty("trace_id", traceId);
		}
		return problem;
	}

	/**
	 * The path the client asked for, also when a circuit breaker has forwarded the
	 * request to a fallback.
	 */
	private static URI originalPath(ServerWebExchange exchange) {
		Set<URI> original = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		String path = original != null && !original.isEmpty() ? original.iterator().next().getRawPath()
				: exchange.getRequest().getPath().value();
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException malformed) {
			// a hostile path must not break the answer that refuses it
			return URI.create(UriUtils.encodePath(path, StandardCharsets.UTF_8));
		}
	}

	static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(RequestIdFilter.HEADER, RequestIdFilter.requestId(exchange));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(json(problem))));
	}

	/**
	 * The problem as the JSON document every refusal of the gateway sends, also those
	 * written below Spring.
	 */
	/**
	 * Reads and drops a refused request's body, up to {@code maxBytes}: a body left
	 * unread when the connection closes makes the client's socket reset, and the client
	 * never sees the refusal. A declared length over the limit is not read at all.
	 */
	static Mono<Void> drainBody(ServerWebExchange exchange, long maxBytes) {
		if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
			return Mono.empty();
		}
		return DataBufferUtils.takeUntilByteCount(exchange.getRequest().getBody(), maxBytes)
			.doOnNext(DataBufferUtils::release)
			.then()
			.onErrorResume(error -> Mono.empty());
	}

	static byte[] json(ProblemDetail problem) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
		document.put("title", problem.getTitle());
		document.put("status", problem.getStatus());
		document.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			document.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			document.putAll(problem.getProperties());
		}
		return JSON.writeValueAsBytes(document);
	}

}
