package dev.truthordare.gateway.ratelimit;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The gateway's Redis client carries one rate-limit script call per player request. Its
 * per-command latency histograms cost a lock and a map lookup on every call and feed no
 * metric anyone reads (the fail-open counter and the gateway's route timings are what the
 * runbook uses).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitRedisConfig {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ClientResourcesBuilderCustomizer noCommandLatencyRecording() {
		return builder -> builder.commandLatencyRecorder(CommandLatencyRecorder.disabled());
	}

}
