package dev.truthordare.gateway;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one actuator answer on the public port: a load balancer in front of the gateway
 * probes {@code /actuator/health} here, and learns UP or DOWN, no details. Every other
 * actuator endpoint (metrics with route ids, breaker states, the JVM version) is on the
 * management port, bound to loopback, and the public port answers 404 for them like for
 * any unknown path.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealth {

	private final HealthEndpoint health;

	PublicHealth(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, String>>> health() {
		// contributors may block (discovery, disk space): off the event loop
		return Mono.fromCallable(() -> this.health.health().getStatus())
			.subscribeOn(Schedulers.boundedElastic())
			.map(status -> ResponseEntity.status(Status.UP.equals(status) ? 200 : 503)
				.body(Map.of("status", status.getCode())));
	}

}
