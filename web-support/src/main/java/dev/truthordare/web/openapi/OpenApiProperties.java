package dev.truthordare.web.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bearerToken how a caller gets the bearer token, and which roles the service asks
 * for, in the document's security scheme
 */
@ConfigurationProperties("platform.openapi")
public record OpenApiProperties(String bearerToken) {
}
