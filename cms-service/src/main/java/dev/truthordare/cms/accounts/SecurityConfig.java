package dev.truthordare.cms.accounts;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.truthordare.web.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
class SecurityConfig {

	@Bean
	SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, CurrentAccountConverter accounts)
			throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(auth -> auth
				// the OpenAPI document, aggregated by the gateway's Swagger UI
				.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/cms/auth/token")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/cms/auth/jwks.json")
				.permitAll()
				.requestMatchers("/api/v1/cms/accounts", "/api/v1/cms/accounts/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/v1/cms/import")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/v1/cms/flags", "/api/v1/cms/flags/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/v1/cms/**")
				.hasAnyRole(Role.MODERATOR.name(), Role.ADMIN.name())
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(accounts))
				.authenticationEntryPoint((request, response, e) -> problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
				.accessDeniedHandler((request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN,
						"Your role does not allow this action.")))
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, e) -> problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
				.accessDeniedHandler((request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN,
						"Your role does not allow this action.")));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.rsaKey())));
	}

	/**
	 * Tokens from our own issuer by default; with
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set (production),
	 * tokens from that external OIDC issuer instead.
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		if (!externalIssuer.isBlank()) {
			return JwtDecoders.fromIssuerLocation(externalIssuer);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer())));
		return decoder;
	}

}
