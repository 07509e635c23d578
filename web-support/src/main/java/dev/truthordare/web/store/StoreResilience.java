package dev.truthordare.web.store;

import com.mongodb.MongoClientSettings;
import dev.truthordare.web.problem.ProblemMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service whose store is gone fails fast and says so: operations give up after
 * {@code platform.store.*} instead of the driver's 30 s, and a request that failed for
 * that reason is a 503 with {@code Retry-After} ({@link StoreUnavailable}) instead of a
 * 500. Kafka listeners retry such failures until the store is back
 * ({@link dev.truthordare.web.kafka.DeadLetters}).
 */
@AutoConfiguration
@EnableConfigurationProperties(StoreProperties.class)
public class StoreResilience {

	private static final Logger log = LoggerFactory.getLogger(StoreResilience.class);

	@Bean
	ProblemMapper storeUnavailable(StoreProperties properties) {
		return failure -> {
			if (!StoreFailures.isUnavailable(failure)) {
				return null;
			}
			// one line, not a stack trace per request while the store is down
			log.warn("Store unavailable, answering 503: {}", failure.toString());
			return new StoreUnavailable(properties.retryAfter());
		};
	}

	/**
	 * After the request id and the header checks, before security: so a filter that reads
	 * the store gets the same 503 as a controller.
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<StoreUnavailableFilter> storeUnavailableFilter(StoreProperties properties, JsonMapper json) {
		FilterRegistrationBean<StoreUnavailableFilter> registration = new FilterRegistrationBean<>(
				new StoreUnavailableFilter(properties, json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
	static class MongoTimeouts {

		@Bean
		StoreTimeouts storeTimeouts(StoreProperties properties) {
			return new StoreTimeouts(properties);
		}

	}

}
