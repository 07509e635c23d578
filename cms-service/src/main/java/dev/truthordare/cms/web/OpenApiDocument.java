package dev.truthordare.cms.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The OpenAPI document ({@code /v3/api-docs}, public; title, servers and paths under {@code springdoc} in
 * application.yml). The operations that need a token are marked as such.
 */
@Configuration
class OpenApiDocument {

    /** The security scheme of everything under /api/v1/cms but the token and JWK set endpoints. */
    static final String BEARER_JWT = "bearer-jwt";

    @Bean
    OpenAPI cmsBearerTokens() {
        return new OpenAPI().components(new Components().addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /api/v1/cms/auth/token. Its roles decide: MODERATOR or ADMIN "
                        + "for content, queue and search; ADMIN for accounts and imports.")));
    }

    /**
     * Marks every operation that the security filter chain refuses to an anonymous caller as needing the bearer
     * token, so the document follows SecurityConfig's rules rather than a second copy of them. Path variables are
     * asked about with a placeholder value.
     */
    @Bean
    OpenApiCustomizer bearerTokenWhereRequired(WebInvocationPrivilegeEvaluator access) {
        Authentication anonymous = new AnonymousAuthenticationToken("openapi", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!access.isAllowed("", path.replaceAll("\\{[^/}]+}", "x"), method.name(), anonymous)) {
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
                }
            }));
        };
    }

    /**
     * Schemas with the names on the wire: this service reads and writes JSON in snake_case (spring.jackson), and
     * refuses unknown fields, so a body built from camelCase schemas would be a 400.
     */
    @Bean
    ModelResolver snakeCaseSchemas() {
        return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }
}
