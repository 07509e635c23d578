package dev.truthordare.infra.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the started processes are ready: discovery's health UP; every service UP in Eureka
 * with a registration younger than its process; the gateway's health UP and
 * {@code GET /api/v1/stats} through it answering 200. Waits by polling, fails fast when a
 * watched process dies and at the deadline names what is still missing.
 */
final class Readiness implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

	}

	private final LauncherSettings settings;

	private final ServiceProcesses processes;

	private final Runnable requireOpen;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/** {@code requireOpen} throws once the launcher is closed, which ends any wait. */
	Readiness(LauncherSettings settings, ServiceProcesses processes, Runnable requireOpen) {
		this.settings = settings;
		this.processes = processes;
		this.requireOpen = requireOpen;
	}

	void awaitDiscovery(long deadlineNanos) {
		awaitReady(deadlineNanos, List.of(InstanceId.first(Modules.DISCOVERY)), true, this::discoveryPending);
	}

	void awaitSystem(long deadlineNanos) {
		awaitReady(deadlineNanos, settings.allInstances(), true, this::systemPending);
	}

	/**
	 * Restarted instances are back: UP in Eureka with a fresh registration (a gateway:
	 * also its health UP).
	 */
	void awaitRestarted(List<InstanceId> restarted, long deadlineNanos) {
		if (restarted.stream().anyMatch(i -> Modules.DISCOVERY.equals(i.module()))) {
			awaitDiscovery(deadlineNanos);
			return;
		}
		awaitReady(deadlineNanos, restarted, false, () -> {
			Map<InstanceId, String> pending = new LinkedHashMap<>();
			List<EurekaApps.Instance> instances = eurekaInstances();
			for (InstanceId instance : restarted) {
				if (instances == null || !registeredUp(instances, instance)) {
					pending.put(instance, "no fresh UP instance on port " + settings.port(instance) + " in Eureka");
				}
				else if (Modules.GATEWAY.equals(instance.module()) && !healthUp(settings.serviceUrl(instance))) {
					pending.put(instance, "/actuator/health is not UP");
				}
			}
			return pending;
		});
	}

	private Map<InstanceId, String> discoveryPending() {
		return healthUp(settings.eurekaUrl()) ? Map.of()
				: Map.of(InstanceId.first(Modules.DISCOVERY), "/actuator/health is not UP");
	}

	/** Not-ready conditions of the whole system, by instance (empty when ready). */
	private Map<InstanceId, String> systemPending() {
		Map<InstanceId, String> pending = new LinkedHashMap<>();
		List<EurekaApps.Instance> instances = eurekaInstances();
		if (instances == null) {
			pending.put(InstanceId.first(Modules.DISCOVERY), "GET /eureka/apps fails");
			return pending;
		}
		for (String module : Modules.SERVICES) {
			for (InstanceId instance : settings.instances(module)) {
				if (!registeredUp(instances, instance)) {
					pending.put(instance, "no UP instance on port " + settings.port(instance) + " in Eureka");
				}
			}
		}
		for (InstanceId gateway : settings.instances(Modules.GATEWAY)) {
			if (!pending.containsKey(gateway) && !healthUp(settings.serviceUrl(gateway))) {
				pending.put(gateway, "/actuator/health is not UP");
			}
		}
		InstanceId gateway = InstanceId.first(Modules.GATEWAY);
		if (!pending.containsKey(gateway)) {
			int status = status(settings.gatewayUrl() + "/api/v1/stats");
			if (status != 200) {
				pending.put(gateway,
						"GET /api/v1/stats answers " + (status < 0 ? "nothing" : status)
								+ " (routing through discovery not ready"
								+ (pending.containsKey(InstanceId.first(Modules.CONTENT))
										? ", content-service not registered)" : ")"));
			}
		}
		return pending;
	}

	/**
	 * An UP instance of the module, on its port, registered after its current process
	 * started.
	 */
	private boolean registeredUp(List<EurekaApps.Instance> instances, InstanceId instance) {
		Optional<ServiceProcesses.Started> started = processes.current(instance);
		String app = instance.module().toUpperCase(Locale.ROOT);
		int port = settings.port(instance);
		return instances.stream()
			.anyMatch(i -> i.app().equals(app) && i.isUp() && (i.port() == port || i.port() < 0)
					&& (started.isEmpty() || i.registrationTimestamp() == 0
							|| i.registrationTimestamp() >= started.get().startedAtMillis - 1000));
	}

	/**
	 * Polls until {@code pending} is empty; fails fast when a watched process dies, or at
	 * the deadline.
	 */
	/**
	 * {@code failFast}: a watched process that dies ends the wait (at start); otherwise
	 * (awaiting an instance back) only one the supervisor gave up on does, since the
	 * supervisor restarts the others.
	 */
	private void awaitReady(long deadlineNanos, Collection<InstanceId> watched, boolean failFast,
			Supplier<Map<InstanceId, String>> pending) {
		Map<InstanceId, String> previous = null;
		long t0 = System.nanoTime();
		while (true) {
			requireOpen.run();
			for (InstanceId instance : watched) {
				Optional<ServiceProcesses.Started> started = processes.current(instance);
				if (started.isPresent() && !started.get().process.isAlive()
						&& (failFast || processes.supervision(instance).gaveUp())) {
					throw new IllegalStateException(instance + " exited with status "
							+ started.get().process.exitValue() + " while starting; see " + settings.logFile(instance)
							+ processes.tail(started.get()));
				}
			}
			Map<InstanceId, String> now = pending.get();
			if (previous != null) {
				for (InstanceId module : previous.keySet()) {
					if (!now.containsKey(module)) {
						Log.LOG.info("{} is up ({} s)", module, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
					}
				}
			}
			if (now.isEmpty()) {
				return;
			}
			previous = now;
			if (System.nanoTime() - deadlineNanos > 0) {
				String details = now.entrySet()
					.stream()
					.map(e -> "  - " + e.getKey() + ": " + e.getValue() + " (log: " + settings.logFile(e.getKey())
							+ ")")
					.collect(Collectors.joining(System.lineSeparator()));
				throw new IllegalStateException("not ready after " + settings.startupTimeout().toSeconds() + " s:"
						+ System.lineSeparator() + details);
			}
			sleep(POLL);
		}
	}

	/** Eureka's instances, or null when discovery does not answer. */
	private List<EurekaApps.Instance> eurekaInstances() {
		Optional<HttpResponse<String>> response = get(settings.eurekaUrl() + "/eureka/apps",
				settings.eurekaAuthorization());
		return response.filter(r -> r.statusCode() == 200).map(r -> EurekaApps.parse(r.body())).orElse(null);
	}

	private boolean healthUp(String baseUrl) {
		return get(baseUrl + "/actuator/health").filter(r -> r.statusCode() == 200)
			.map(r -> EurekaApps.isHealthUp(r.body()))
			.orElse(false);
	}

	private int status(String url) {
		return get(url).map(HttpResponse::statusCode).orElse(-1);
	}

	private Optional<HttpResponse<String>> get(String url) {
		return get(url, null);
	}

	private Optional<HttpResponse<String>> get(String url, String authorization) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		HttpRequest request = builder.timeout(HTTP_TIMEOUT)
			.header("Accept", "application/json")
			.header("X-Client-Id", "system-launcher")
			.GET()
			.build();
		try {
			return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException e) {
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration); // the processes offer nothing to wait on but their
									// HTTP answers
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	@Override
	public void close() {
		http.close();
	}

}
