package dev.truthordare.content.translation;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;

@Configuration
class HttpClientConfig {

	/**
	 * The builder everything else gets, the Eureka client's own transport included: it
	 * must reach Eureka by its real address, not through the load balancer.
	 */
	@Bean
	@Primary
	RestClient.Builder restClientBuilder() {
		return RestClient.builder();
	}

	/**
	 * Resolves {@code http://<service-name>} through discovery; only injected where asked
	 * for by qualifier.
	 */
	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

}
