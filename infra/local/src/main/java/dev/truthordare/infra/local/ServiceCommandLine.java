package dev.truthordare.infra.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each module's process runs
 * ({@code java -Xmx.. -javaagent:opentelemetry-javaagent.jar -jar
 * <module>/target/<module>.jar}) and the environment it gets: its port, discovery, Kafka,
 * its own database, the token keys, the rate limits' Redis, the OpenTelemetry agent's
 * settings, then the per-module extras.
 */
final class ServiceCommandLine {

	/** JVM options of every child, before the per-launcher extras. */
	static final List<String> BASE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

	private final LauncherSettings settings;

	ServiceCommandLine(LauncherSettings settings) {
		this.settings = settings;
	}

	List<String> command(String module) {
		Modules.require(module);
		List<String> command = new ArrayList<>();
		command.add(settings.javaExecutable().toString());
		command.add("-Xmx" + settings.heap().get(module));
		command.addAll(BASE_JVM_OPTIONS);
		command.addAll(settings.jvmOptions());
		if (settings.otelAgent()) {
			command.add("-javaagent:" + settings.agentJar());
		}
		command.add("-jar");
		command.add(settings.jar(module).toString());
		return command;
	}

	/**
	 * Local mode notices a dead or stopped instance within seconds: renewals every 2 s, a
	 * lease that expires after 4 s without one (Eureka waits twice that), eviction, the
	 * registry's response cache and the clients' fetches every 2 s. Every second cost
	 * discovery 40 % of a core with ten instances on two cores; the gateway's passive
	 * ejection covers the seconds in between. Defaults elsewhere (application.yml) stay
	 * at Eureka's gentler pace for larger fleets. A stopping instance serves 5 s after
	 * leaving discovery: a cache refresh and a fetch, with a margin.
	 */
	static final Map<String, String> FAST_DISCOVERY = Map.of("EUREKA_LEASE_RENEWAL_SECONDS", "2",
			"EUREKA_LEASE_EXPIRATION_SECONDS", "4", "EUREKA_REGISTRY_FETCH_SECONDS", "2", "EUREKA_EVICTION_INTERVAL_MS",
			"2000", "EUREKA_RESPONSE_CACHE_UPDATE_MS", "2000", "SHUTDOWN_DEREGISTRATION_WAIT", "5s");

	Map<String, String> environment(String module, String kafkaBootstrapServers, String mongoUri) {
		return environment(InstanceId.first(module), kafkaBootstrapServers, mongoUri);
	}

	static final String LOG_FORMAT = "TOD_LOG_FORMAT";

	static final String LOG_FORMAT_JSON = "json";

	Map<String, String> environment(InstanceId instance, String kafkaBootstrapServers, String mongoUri) {
		String module = instance.module();
		Map<String, String> env = new LinkedHashMap<>(settings.parentEnv());
		env.put("SERVER_PORT", Integer.toString(settings.port(instance)));
		env.put("EUREKA_URI", settings.eurekaClientUri());
		FAST_DISCOVERY.forEach(env::putIfAbsent);
		if (module.equals(Modules.DISCOVERY)) {
			env.put("EUREKA_USERNAME", settings.eurekaUsername());
			env.put("EUREKA_PASSWORD", settings.eurekaPassword());
		}
		if (module.equals(Modules.GATEWAY)) {
			// the only door; its actuator endpoints stay on loopback
			env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(settings.managementPort(instance)));
		}
		else {
			// every other module answers on loopback only, and registers the address it
			// answers on
			env.put("SERVER_ADDRESS", "127.0.0.1");
			env.put("EUREKA_INSTANCE_HOSTNAME", "127.0.0.1");
		}
		env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
		// where every resource server fetches the public keys of CMS tokens
		env.put("CMS_JWK_SET_URI", settings.serviceUrl(Modules.CMS) + "/api/v1/cms/auth/jwks.json");
		String database = Modules.DATABASES.get(module);
		if (database != null) {
			env.put("MONGODB_URI", mongoUri + "/" + database);
		}
		else {
			env.remove("MONGODB_URI");
		}
		if (module.equals(Modules.GATEWAY) && !settings.externalRedis()) {
			env.put("REDIS_HOST", "localhost");
			env.put("REDIS_PORT", Integer.toString(settings.redisPort()));
		}
		putOpenTelemetry(instance, env);
		putLogging(instance, env);
		// glibc gives each thread of a JVM its own malloc arena (up to 8 per core); two
		// arenas keep native memory, and so each process's resident size, down (issue
		// 13's memory figures in BENCHMARKS.md)
		env.putIfAbsent("MALLOC_ARENA_MAX", "2");
		for (String name : List.of("CMS_ADMIN_USERNAME", "CMS_ADMIN_PASSWORD")) {
			String value = settings.parentEnv().get(name);
			if (value != null) {
				env.put(name, value);
			}
		}
		settings.extraEnv().getOrDefault(module, Map.of()).forEach((name, value) -> {
			if (value == null) {
				env.remove(name);
			}
			else {
				env.put(name, value);
			}
		});
		return env;
	}

	/**
	 * JSON logs on request ({@code TOD_LOG_FORMAT=json}: Spring Boot's ECS format, with
	 * the logging context's trace_id, span_id and request_id as fields); either way a
	 * line names its instance.
	 */
	private void putLogging(InstanceId instance, Map<String, String> env) {
		env.put("LOGGING_STRUCTURED_ECS_SERVICE_NODE_NAME", instance.name());
		if (LOG_FORMAT_JSON.equals(settings.parentEnv().get(LOG_FORMAT))) {
			env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		}
	}

	private void putOpenTelemetry(InstanceId instance, Map<String, String> env) {
		env.put("OTEL_SERVICE_NAME", instance.module());
		// which process a span came from, when a service runs as several
		env.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + instance.name());
		env.put("OTEL_METRICS_EXPORTER", "none");
		env.put("OTEL_LOGS_EXPORTER", "none");
		env.put("OTEL_BSP_SCHEDULE_DELAY", "500");
		// a span per rate-limit script call at the gateway: one more span per player
		// request that nobody reads (the limiter's outcome is in the answer's headers and
		// in metrics); every instrumentation that carries the trace stays on
		env.putIfAbsent("OTEL_INSTRUMENTATION_LETTUCE_ENABLED", "false");
		// logs are not exported (above): the logback appender bridge would build a log
		// record per line (the gateway's access log: 3 % of its CPU) for nobody; the MDC
		// instrumentation that puts trace ids into log lines stays on
		env.putIfAbsent("OTEL_INSTRUMENTATION_LOGBACK_APPENDER_ENABLED", "false");
		// the one place that picks the exporters: Zipkin's (deprecated upstream in favour
		// of OTLP, still bundled) for the local trace store, OTLP for Jaeger or a
		// collector
		List<String> exporters = new ArrayList<>();
		env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
		env.remove("OTEL_EXPORTER_OTLP_PROTOCOL");
		env.remove("OTEL_EXPORTER_ZIPKIN_ENDPOINT");
		if (settings.traceStorePort() > 0) {
			exporters.add("zipkin");
			env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", TraceStore.spansEndpoint(settings.traceStorePort()));
		}
		if (settings.otlpEndpoint() != null) {
			exporters.add("otlp");
			env.put("OTEL_EXPORTER_OTLP_ENDPOINT", settings.otlpEndpoint());
			env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
		}
		// with none, the agent still propagates trace context (traceparent, trace ids in
		// answers and logs)
		env.put("OTEL_TRACES_EXPORTER", exporters.isEmpty() ? "none" : String.join(",", exporters));
	}

}
