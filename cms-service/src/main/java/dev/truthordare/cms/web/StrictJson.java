package dev.truthordare.cms.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request bodies are read by the platform's strict JSON rules ({@link dev.truthordare.events.StrictJson}). */
@Configuration
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return dev.truthordare.events.StrictJson::strict;
    }
}
