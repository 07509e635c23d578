package dev.truthordare.gateway.balancing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Each service's load balancer (a child context per service, hence no
 * {@code @Configuration}: registered through {@link BalancingConfig}): instances from
 * discovery, minus the ejected ones. Spring's instance cache stays off (application.yml):
 * Eureka's client already caches the registry.
 */
class EjectingBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier ejectingInstanceListSupplier(ConfigurableApplicationContext context,
			Ejections ejections) {
		return ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.with((ctx, delegate) -> new EjectingInstanceListSupplier(delegate, ejections))
			.build(context);
	}

}
