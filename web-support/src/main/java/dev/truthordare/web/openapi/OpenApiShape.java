package dev.truthordare.web.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The OpenAPI document ({@code /v3/api-docs}; title, description and servers under
 * {@code springdoc}) describes bodies as they travel, and, in a service with a security
 * filter chain, which operations need a bearer token.
 */
@AutoConfiguration
@ConditionalOnClass(ModelResolver.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiShape {

	/** The security scheme of the operations that need a token: a CMS access token. */
	public static final String BEARER_JWT = "bearer-jwt";

	/**
	 * Schemas with the names on the wire: the services read and write JSON in snake_case
	 * (spring.jackson) and refuse unknown fields, so a body built from camelCase schemas
	 * would be a 400.
	 */
	@Bean
	ModelResolver snakeCaseSchemas() {
		return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.openapi31(true);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebInvocationPrivilegeEvaluator.class)
	static class BearerTokens {

		/**
		 * Marks every operation that the security filter chain refuses to an anonymous
		 * caller as needing the bearer token, so the document follows the service's
		 * security rules rather than a second copy of them. Path variables are asked
		 * about with a placeholder value.
		 */
		@Bean
		OpenApiCustomizer bearerTokenWhereRequired(ObjectProvider<WebInvocationPrivilegeEvaluator> access,
				OpenApiProperties properties) {
			Authentication anonymous = new AnonymousAuthenticationToken("openapi", "anonymous",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
			return openApi -> {
				WebInvocationPrivilegeEvaluator evaluator = access.getIfAvailable();
				if (evaluator == null || openApi.getPaths() == null) {
					return;
				}
				boolean[] secured = { false };
				openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
					if (!evaluator.isAllowed("", path.replaceAll("\\{[^/}]+}", "x"), method.name(), anonymous)) {
						operation.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
						secured[0] = true;
					}
				}));
				if (secured[0]) {
					if (openApi.getComponents() == null) {
						openApi.setComponents(new Components());
					}
					openApi.getComponents()
						.addSecuritySchemes(BEARER_JWT,
								new SecurityScheme().type(SecurityScheme.Type.HTTP)
									.scheme("bearer")
									.bearerFormat("JWT")
									.description(properties.bearerToken()));
				}
			};
		}

	}

}
