package dev.truthordare.rating.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document ({@code /v3/api-docs}; settings under {@code springdoc} in application.yml). */
@Configuration
class OpenApiDocument {

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
