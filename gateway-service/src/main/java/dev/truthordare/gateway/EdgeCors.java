package dev.truthordare.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which web pages may call the API from a browser. Players' reads are open to any origin
 * (they carry no credentials); the CMS and translation writes only to the origins listed
 * in {@code GATEWAY_CORS_CMS_ORIGINS} (none by default, so a page elsewhere cannot use a
 * moderator's token).
 */
@Component
class EdgeCors implements CorsConfigurationSource {

	private static final List<String> EXPOSED = List.of("X-Request-Id", RequestIdFilter.TRACE_RESPONSE,
			HttpHeaders.ETAG, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.RETRY_AFTER, HttpHeaders.LINK, "Deprecation",
			"Sunset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");

	private final CorsConfiguration players;

	private final CorsConfiguration staff;

	EdgeCors(@Value("${gateway.cors.public-origins:*}") List<String> publicOrigins,
			@Value("${gateway.cors.public-methods:GET,HEAD}") List<String> publicMethods,
			@Value("${gateway.cors.cms-origins:}") List<String> cmsOrigins) {
		players = new CorsConfiguration();
		players.setAllowedOriginPatterns(publicOrigins.stream().filter(o -> !o.isBlank()).toList());
		players.setAllowedMethods(publicMethods);
		players.setAllowedHeaders(List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.CONTENT_TYPE,
				HttpHeaders.IF_NONE_MATCH, "X-Client-Id", "X-Request-Id", "Idempotency-Key"));
		players.setExposedHeaders(EXPOSED);
		players.setAllowCredentials(false);
		players.setMaxAge(Duration.ofHours(1));

		staff = new CorsConfiguration();
		staff.setAllowedOrigins(cmsOrigins.stream().filter(o -> !o.isBlank()).toList());
		staff.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		staff.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT, HttpHeaders.CONTENT_TYPE,
				HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "X-Request-Id"));
		staff.setExposedHeaders(EXPOSED);
		staff.setMaxAge(Duration.ofMinutes(10));
	}

	@Override
	public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/api/")) {
			return null;
		}
		if (path.startsWith("/api/v1/cms/")) {
			return staff;
		}
		if (path.startsWith("/api/v1/translations/") && !isRead(exchange)) {
			return staff;
		}
		return players;
	}

	/**
	 * The method the browser will use: the request's own, or the one a preflight
	 * announces.
	 */
	private static boolean isRead(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (HttpMethod.OPTIONS.equals(method)) {
			String announced = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
			return announced == null || announced.equals("GET") || announced.equals("HEAD");
		}
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
	}

}
