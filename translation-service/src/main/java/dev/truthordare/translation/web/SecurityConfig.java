package dev.truthordare.translation.web;

import dev.truthordare.events.revocation.AccountStates;
import dev.truthordare.web.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Reads are public; translation writes need a CMS bearer token (RS256, verified against
 * CMS's JWK set, issuer checked) whose {@code roles} claim holds the right role:
 * TRANSLATOR or MODERATOR to save a draft, MODERATOR to approve (ADMIN may do both). 401
 * and 403 are problem+json with the RFC 6750 {@code WWW-Authenticate} header. A token CMS
 * has revoked since (account disabled, roles or password changed) is 401 too:
 * {@link TokenRevocationFilter}.
 */
@Configuration
class SecurityConfig {

	static final String[] WRITERS = { "TRANSLATOR", "MODERATOR", "ADMIN" };
	static final String[] APPROVERS = { "MODERATOR", "ADMIN" };

	@Bean
	SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, AccountStates accounts) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, e) -> {
			new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
			problems.write(request, response, HttpStatus.UNAUTHORIZED, request.getHeader("Authorization") == null
					? "A bearer token is required for this action."
					: "The bearer token was rejected: it is malformed, expired, wrongly signed or from another issuer.");
		};
		AccessDeniedHandler forbidden = (request, response, e) -> {
			new BearerTokenAccessDeniedHandler().handle(request, response, e);
			problems.write(request, response, HttpStatus.FORBIDDEN,
					HttpMethod.PUT.matches(request.getMethod())
							? "Saving a translation draft needs the role TRANSLATOR or MODERATOR."
							: "Approving a translation needs the role MODERATOR.");
		};
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(auth -> auth
				// the OpenAPI document, aggregated by the gateway's Swagger UI
				.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.requestMatchers(HttpMethod.PUT, "/api/v1/translations/*/*")
				.hasAnyRole(WRITERS)
				.requestMatchers(HttpMethod.POST, "/api/v1/translations/*/*/approve")
				.hasAnyRole(APPROVERS)
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer(
					resourceServer -> resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
						.authenticationEntryPoint(unauthorized)
						.accessDeniedHandler(forbidden))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.addFilterAfter(new TokenRevocationFilter(accounts, problems), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * Tokens signed by a key of CMS's JWK set (fetched lazily and cached, so this service
	 * starts without CMS) and issued by {@code translation.security.issuer}; with
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set, tokens of that
	 * external OIDC issuer instead.
	 */
	@Bean
	JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
			@Value("${translation.security.issuer}") String issuer,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		if (!externalIssuer.isBlank()) {
			return JwtDecoders.fromIssuerLocation(externalIssuer);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
		return decoder;
	}

	private static JwtAuthenticationConverter rolesFromClaim() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
