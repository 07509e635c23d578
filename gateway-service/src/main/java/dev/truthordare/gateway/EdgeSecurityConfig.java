package dev.truthordare.gateway;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Token checks at the edge: CMS and translation writes need a valid CMS token with the
 * right role before they reach a service (which checks again). Everything players call
 * stays open, and a player's request without a token stays outside the security chain
 * altogether: it never pays for its matchers, security context or observations. A token
 * presented anywhere is still checked (a forged one is refused, not ignored). CORS runs
 * for every path in {@link #cors}; the firewall of Spring Security (control characters in
 * headers, bad paths) still sees every request.
 */
@Configuration
class EdgeSecurityConfig {

	/** The edge's body limit: more is never read, refused or not. */
	private static final long REFUSED_BODY_READ_LIMIT = 64 * 1024;

	private static final String[] STAFF = { "MODERATOR", "ADMIN" };

	/** The paths behind the token checks; every other path is the players'. */
	static final String[] STAFF_PATHS = { "/api/v1/cms/**", "/api/v1/translations/**" };

	@Bean
	SecurityWebFilterChain edge(ServerHttpSecurity http) {
		return http
			.securityMatcher(ServerWebExchangeMatchers.matchers(ServerWebExchangeMatchers.pathMatchers(STAFF_PATHS),
					EdgeSecurityConfig::carriesCredentials))
			.cors(ServerHttpSecurity.CorsSpec::disable)
			// bearer tokens only: nothing to keep between requests
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			// services decide caching (ETag, max-age) themselves; security must not
			// overwrite it
			.headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
			.authorizeExchange(exchanges -> exchanges.pathMatchers(HttpMethod.POST, "/api/v1/cms/auth/token")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/cms/auth/jwks.json")
				.permitAll()
				.pathMatchers("/api/v1/cms/accounts", "/api/v1/cms/accounts/**", "/api/v1/cms/import")
				.hasRole("ADMIN")
				.pathMatchers("/api/v1/cms/**")
				.hasAnyRole(STAFF)
				.pathMatchers(HttpMethod.POST, "/api/v1/translations/*/*/approve")
				.hasAnyRole(STAFF)
				.pathMatchers(HttpMethod.PUT, "/api/v1/translations/**")
				.hasAnyRole("TRANSLATOR", "MODERATOR", "ADMIN")
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.jwtAuthenticationConverter(EdgeSecurityConfig::withRoles))
				.authenticationEntryPoint((exchange, e) -> {
					exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
					// refused before the body was read (a player write with a bad token,
					// say)
					return Problems.drainBody(exchange, REFUSED_BODY_READ_LIMIT)
						.then(Problems.write(exchange,
								Problems.of(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.")));
				})
				.accessDeniedHandler((exchange, e) -> {
					exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
					return Problems.drainBody(exchange, REFUSED_BODY_READ_LIMIT)
						.then(Problems.write(exchange,
								Problems.of(exchange, HttpStatus.FORBIDDEN, "Your role does not allow this action.")));
				}))
			.build();
	}

	private static Mono<ServerWebExchangeMatcher.MatchResult> carriesCredentials(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
	}

	/**
	 * Before the security chain (order -100) as its own CORS support was: a preflight is
	 * answered without a token.
	 */
	@Bean
	OrderedCorsWebFilter cors(EdgeCors cors) {
		return new OrderedCorsWebFilter(cors);
	}

	static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {

		OrderedCorsWebFilter(EdgeCors cors) {
			super(cors);
		}

		@Override
		public int getOrder() {
			return -101;
		}

	}

	/**
	 * Spring Security's firewall refuses control and invisible characters in header
	 * values (a right-to-left override, a zero-width space, bytes of an emoji) with a
	 * bare 400; the refusal is a problem like any other.
	 */
	@Bean
	ServerExchangeRejectedHandler problemForRejectedExchange() {
		return (exchange, rejected) -> exchange.getResponse().isCommitted() ? Mono.empty()
				: Problems.write(exchange, Problems.of(exchange, HttpStatus.BAD_REQUEST, "The request contains"
						+ " characters this API does not accept: control or invisible characters in a header value,"
						+ " or a path the edge does not allow."));
	}

	@Bean
	CachedJwkSource tokenKeys(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
			@Value("${gateway.token-keys.min-refetch-interval}") Duration minRefetchInterval) {
		return new CachedJwkSource(WebClient.create(), jwkSetUri, minRefetchInterval);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(CachedJwkSource tokenKeys, @Value("${gateway.token-issuer}") String issuer) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(tokenKeys).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
		return decoder;
	}

	private static Mono<AbstractAuthenticationToken> withRoles(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList("roles");
		Collection<GrantedAuthority> authorities = (roles == null ? List.<String>of() : roles).stream()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
	}

}
