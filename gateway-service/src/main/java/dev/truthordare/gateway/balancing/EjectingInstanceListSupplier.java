package dev.truthordare.gateway.balancing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The discovered instances minus the ejected ones; all of them when every one is ejected
 * (better a request that may fail than none that can succeed).
 */
class EjectingInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private final Ejections ejections;

	EjectingInstanceListSupplier(ServiceInstanceListSupplier delegate, Ejections ejections) {
		super(delegate);
		this.ejections = ejections;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get().map(this::withoutEjected);
	}

	private List<ServiceInstance> withoutEjected(List<ServiceInstance> instances) {
		List<ServiceInstance> kept = instances.stream().filter(instance -> !ejections.isEjected(instance)).toList();
		return kept.isEmpty() ? instances : kept;
	}

}
