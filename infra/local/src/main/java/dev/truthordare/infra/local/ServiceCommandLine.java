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

	Map<String, String> environment(String module, String kafkaBootstrapServers, String mongoUri) {
		Modules.require(module);
		Map<String, String> env = new LinkedHashMap<>(settings.parentEnv());
		env.put("SERVER_PORT", Integer.toString(settings.port(module)));
		env.put("EUREKA_URI", settings.eurekaClientUri());
		if (module.equals(Modules.DISCOVERY)) {
			env.put("EUREKA_USERNAME", settings.eurekaUsername());
			env.put("EUREKA_PASSWORD", settings.eurekaPassword());
		}
		if (module.equals(Modules.GATEWAY)) {
			// the only door; its actuator endpoints stay on loopback
			env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(settings.gatewayManagementPort()));
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
		putOpenTelemetry(module, env);
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

	private void putOpenTelemetry(String module, Map<String, String> env) {
		env.put("OTEL_SERVICE_NAME", module);
		env.put("OTEL_METRICS_EXPORTER", "none");
		env.put("OTEL_LOGS_EXPORTER", "none");
		env.put("OTEL_BSP_SCHEDULE_DELAY", "500");
		if (settings.otlpEndpoint() != null) {
			env.put("OTEL_TRACES_EXPORTER", "otlp");
			env.put("OTEL_EXPORTER_OTLP_ENDPOINT", settings.otlpEndpoint());
			env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
		}
		else {
			// no exporter, but the agent still propagates trace context (traceparent,
			// trace ids in logs)
			env.put("OTEL_TRACES_EXPORTER", "none");
			env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
			env.remove("OTEL_EXPORTER_OTLP_PROTOCOL");
		}
	}

}
