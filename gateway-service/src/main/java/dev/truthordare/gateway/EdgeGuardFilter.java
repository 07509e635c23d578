package dev.truthordare.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The cheap checks every request passes before it reaches a route, each refusal a
 * problem+json: URLs over 4 KiB (414), oversized headers (431), methods no API uses (405
 * with {@code Allow}), paths that try to smuggle another path past the routes (400),
 * bodies over the limit (413, before anything is read) and bodies that are not JSON
 * (415), and expectations other than 100-continue (417); chunked bodies are counted as
 * they arrive. Requests need one valid Host header and a path that is valid UTF-8.
 * Security headers go on every answer.
 *
 * <p>
 * Just over 300 lines: one refusal per rule of the edge, each with its own problem text;
 * the rules are one pass over the request and read best together.
 */
@Component
class EdgeGuardFilter implements WebFilter, Ordered {

	private static final Set<HttpMethod> API_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	/**
	 * Encoded dots, slashes, backslashes, percent signs and NULs, matrix parameters, dot
	 * segments and empty segments: no API path contains them, and each is a way to make a
	 * proxy and a service disagree on the path.
	 */
	private static final Pattern PATH_TRICK = Pattern
		.compile("(?i)%2e|%2f|%5c|%25|%3b|%[01][0-9a-f]|%7f|;|\\\\|//|/\\.\\.?(/|$)");

	/**
	 * A Host header as RFC 9110 allows it: a registered name or IP literal, optionally a
	 * port.
	 */
	private static final Pattern HOST = Pattern
		.compile("([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

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
			return drained(exchange).then(Problems.write(exchange, refusal));
		}
		ServerWebExchange guarded = withProblemBodies(withoutExpectation(exchange));
		HttpHeaders headers = exchange.getRequest().getHeaders();
		Mono<Void> handled = headers.getContentLength() < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)
				? withBufferedBody(guarded, chain) : chain.filter(guarded);
		// a filter that ends the exchange with a bare status and no body (CORS refuses
		// with 403 so) leaves the completion to the server, past the problem-body
		// decorator
		return handled.then(Mono.defer(() -> guarded.getResponse().isCommitted() ? Mono.empty()
				: drained(exchange).then(guarded.getResponse().setComplete())));
	}

	/**
	 * A chunked body announces no length, so it is read here up to the limit before any
	 * route sees it: over the limit is a 413 like a declared length would be, and the
	 * service receives a plain fixed-length body. API bodies are small, so holding one in
	 * memory costs little.
	 */
	private Mono<Void> withBufferedBody(ServerWebExchange exchange, WebFilterChain chain) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
			.map(joined -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				return Optional.of(bytes);
			})
			.defaultIfEmpty(Optional.of(new byte[0]))
			.onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(Optional.empty()))
			.flatMap(body -> body.isPresent() ? chain.filter(withFixedLengthBody(exchange, body.get()))
					: Problems.write(exchange, Problems.of(exchange, HttpStatus.CONTENT_TOO_LARGE,
							"Request bodies are limited to " + maxBodyBytes / 1024 + " KiB.")));
	}

	/**
	 * The gateway's own server answers 100-continue; passed on, an expectation let a
	 * service refuse and close mid-body, which the route counted as a failed call.
	 */
	private static ServerWebExchange withoutExpectation(ServerWebExchange exchange) {
		if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.EXPECT)) {
			return exchange;
		}
		return exchange.mutate()
			.request(exchange.getRequest().mutate().headers(headers -> headers.remove(HttpHeaders.EXPECT)).build())
			.build();
	}

	private Mono<Void> drained(ServerWebExchange exchange) {
		return Problems.drainBody(exchange, maxBodyBytes);
	}

	private static ServerWebExchange withFixedLengthBody(ServerWebExchange exchange, byte[] body) {
		ServerHttpRequest fixedLength = exchange.getRequest().mutate().headers(headers -> {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(body.length);
		}).build();
		ServerHttpRequest withBody = new ServerHttpRequestDecorator(fixedLength) {
			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}
		};
		return exchange.mutate().request(withBody).build();
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
		// one pass over the headers for both checks, without streams: it runs for every
		// request
		long[] sizeAndControl = new long[2];
		request.getHeaders().forEach((name, values) -> {
			for (String value : values) {
				sizeAndControl[0] += name.length() + value.length() + 4;
				if (hasControlCharacter(value)) {
					sizeAndControl[1] = 1;
				}
			}
		});
		long headerBytes = sizeAndControl[0];
		boolean controlCharacter = sizeAndControl[1] != 0;
		if (headerBytes > maxHeaderBytes) {
			return Problems.of(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"Request headers are limited to " + maxHeaderBytes / 1024 + " KiB in all.");
		}
		if (!API_METHODS.contains(request.getMethod())) {
			exchange.getResponse().getHeaders().setAllow(API_METHODS);
			return Problems.of(exchange, HttpStatus.METHOD_NOT_ALLOWED,
					"No API resource accepts the method " + request.getMethod().name() + ".");
		}
		List<String> hosts = request.getHeaders().getOrEmpty(HttpHeaders.HOST);
		if (hosts.size() != 1 || !HOST.matcher(hosts.get(0)).matches()) {
			return Problems.of(exchange, HttpStatus.BAD_REQUEST,
					"HTTP/1.1 requests need exactly one Host header with a valid host name and optional port.");
		}
		if (!onlyContinueExpected(request.getHeaders().getOrEmpty(HttpHeaders.EXPECT))) {
			return Problems.of(exchange, HttpStatus.EXPECTATION_FAILED, "Header Expect supports only 100-continue.");
		}
		if (controlCharacter) {
			// bytes 0x80-0x9F of a UTF-8 value read as C1 controls, which the route's own
			// client then refused with a 503
			return Problems.of(exchange, HttpStatus.BAD_REQUEST,
					"A header value contains control characters; header values are visible ASCII or UTF-8 text.");
		}
		if (PATH_TRICK.matcher(rawPath).find()) {
			return Problems.of(exchange, HttpStatus.BAD_REQUEST, "The path contains encoded separators, control"
					+ " characters, dot segments, empty segments or ';' parameters, which no API path has.");
		}
		if (!isUtf8(rawPath)) {
			return Problems.of(exchange, HttpStatus.BAD_REQUEST, "The path is not valid percent-encoded UTF-8.");
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

	/**
	 * Percent-decodes the raw path strictly: a client's own bytes that are not UTF-8 are
	 * refused, not guessed.
	 */
	private static boolean isUtf8(String rawPath) {
		if (rawPath.indexOf('%') < 0 && rawPath.chars().allMatch(c -> c <= 0x7f)) {
			return true; // nearly every request: plain ASCII, nothing to decode
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c == '%') {
				if (i + 2 >= rawPath.length() || !HexFormat.isHexDigit(rawPath.charAt(i + 1))
						|| !HexFormat.isHexDigit(rawPath.charAt(i + 2))) {
					return false;
				}
				bytes.write(HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
				i += 2;
			}
			else if (c > 0x7f) {
				return false; // a raw non-ASCII character in the request line
			}
			else {
				bytes.write(c);
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	/** RFC 9110 defines one expectation; any other is refused, never passed on. */
	private static boolean onlyContinueExpected(List<String> expect) {
		for (String value : expect) {
			for (String member : value.split(",")) {
				String trimmed = member.strip();
				if (!trimmed.isEmpty() && !"100-continue".equalsIgnoreCase(trimmed)) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean hasControlCharacter(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f) {
				return true;
			}
		}
		return false;
	}

	private static boolean isJson(HttpHeaders headers) {
		try {
			MediaType type = headers.getContentType();
			return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
					|| "application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException e) {
			return false;
		}
	}

	/**
	 * Gateway filters such as RequestRateLimiter end a request with a bare status; this
	 * gives those answers the problem+json body every error of the API has.
	 */
	private static ServerWebExchange withProblemBodies(ServerWebExchange exchange) {
		ServerWebExchange[] decorated = new ServerWebExchange[1];
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> setComplete() {
				HttpStatusCode status = getStatusCode();
				if (status != null && status.isError() && !isCommitted() && getHeaders().getContentType() == null) {
					return Problems.write(decorated[0],
							Problems.of(decorated[0], status, detailFor(status, getHeaders())));
				}
				return super.setComplete();
			}
		};
		decorated[0] = exchange.mutate().response(response).build();
		return decorated[0];
	}

	private static String detailFor(HttpStatusCode status, HttpHeaders headers) {
		if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
			// either bucket may have refused: the client's (X-Client-Id) or its address's
			return "Too many requests of this kind from this client (its X-Client-Id) or from its network address;"
					+ " retry after " + headers.getFirst("Retry-After") + " s.";
		}
		if (status.value() == HttpStatus.FORBIDDEN.value()) {
			return "Forbidden: a page on this request's Origin may not call this endpoint (CORS).";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return known == null ? "The request was refused." : known.getReasonPhrase() + ".";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id
	}

}
