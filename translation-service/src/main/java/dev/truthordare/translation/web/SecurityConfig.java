package dev.truthordare.translation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads are public; translation writes need a CMS bearer token (RS256, verified against CMS's JWK set, issuer
 * checked) whose {@code roles} claim holds the right role: TRANSLATOR or MODERATOR to save a draft, MODERATOR to
 * approve (ADMIN may do both). 401 and 403 are problem+json with the RFC 6750 {@code WWW-Authenticate} header.
 */
@Configuration
class SecurityConfig {

    static final String[] WRITERS = {"TRANSLATOR", "MODERATOR", "ADMIN"};
    static final String[] APPROVERS = {"MODERATOR", "ADMIN"};
    private static final Pattern WELL_FORMED_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
            write(json, request, response, HttpStatus.UNAUTHORIZED, request.getHeader("Authorization") == null
                    ? "A bearer token is required for this action."
                    : "The bearer token was rejected: it is malformed, expired, wrongly signed or from another issuer.");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            new BearerTokenAccessDeniedHandler().handle(request, response, e);
            write(json, request, response, HttpStatus.FORBIDDEN, HttpMethod.PUT.matches(request.getMethod())
                    ? "Saving a translation draft needs the role TRANSLATOR or MODERATOR."
                    : "Approving a translation needs the role MODERATOR.");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the OpenAPI document, aggregated by the gateway's Swagger UI
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/v1/translations/*/*").hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/translations/*/*/approve").hasAnyRole(APPROVERS)
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Tokens signed by a key of CMS's JWK set (fetched lazily and cached, so this service starts without CMS) and
     * issued by {@code translation.security.issuer}; with {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     * set, tokens of that external OIDC issuer instead.
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

    private static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null && WELL_FORMED_REQUEST_ID.matcher(requestId).matches()) {
            problem.setProperty("request_id", requestId);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
