package dev.truthordare.gateway.balancing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * Instances that refused a connection, left out of the balancing for a while. Discovery
 * notices a dead instance only when its lease expires (seconds even when tuned); until
 * then every request sent to it would fail or spend a retry. Passive: it costs nothing
 * per request and needs no health polling.
 */
@Component
public class Ejections {

	private static final Logger log = LoggerFactory.getLogger(Ejections.class);

	private final long ejectionMillis;

	private final LongSupplier clock;

	private final Map<String, Long> ejectedUntil = new ConcurrentHashMap<>();

	private final Counter ejected;

	Ejections(BalancingProperties properties, MeterRegistry meters) {
		this.ejectionMillis = properties.ejection().toMillis();
		this.clock = System::currentTimeMillis;
		this.ejected = Counter.builder("gateway.instances.ejected")
			.description("instances left out of the balancing after refusing a connection")
			.register(meters);
	}

	/** The instance behind {@code url} refused a connection. */
	void eject(URI url) {
		if (ejectionMillis <= 0 || url == null || url.getPort() < 0) {
			return;
		}
		String key = key(url.getHost(), url.getPort());
		long until = clock.getAsLong() + ejectionMillis;
		Long previous = ejectedUntil.put(key, until);
		if (previous == null || previous < clock.getAsLong()) {
			ejected.increment();
			log.warn("{} refused a connection; left out of the balancing for {} ms", key, ejectionMillis);
		}
	}

	boolean isEjected(ServiceInstance instance) {
		String key = key(instance.getHost(), instance.getPort());
		Long until = ejectedUntil.get(key);
		if (until == null) {
			return false;
		}
		if (until < clock.getAsLong()) {
			ejectedUntil.remove(key, until);
			return false;
		}
		return true;
	}

	private static String key(String host, int port) {
		// the registry says 127.0.0.1 where a URL may say localhost
		String normalized = "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
		return normalized + ":" + port;
	}

}
