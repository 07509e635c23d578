package dev.truthordare.infra.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a {@link SystemLauncher} was configured with, resolved (free ports picked,
 * defaults applied), and where that puts things: URLs, log and data folders, jars.
 *
 * @param ports each module's HTTP port
 * @param kafkaPort 0: the stack picks a free one when it starts (likewise the controller
 * and MongoDB ports)
 * @param otlpEndpoint OTLP/HTTP endpoint of the agents' trace exporter, null for none
 * @param extraEnv per module, variables that override the launcher's (a null value
 * removes one)
 * @param heap each module's maximum heap
 * @param jvmOptions extra JVM options of every module
 * @param parentEnv the environment every process inherits
 * @param eurekaUsername who registers with discovery
 * @param eurekaPassword its password: {@code EUREKA_PASSWORD} of the launcher, or one
 * generated for this start
 * @param gatewayManagementPort the gateway's actuator port (loopback only)
 * @param extraPorts per module, the HTTP ports of its instances 2, 3, ... (none: one
 * instance)
 * @param extraManagementPorts the actuator ports of gateway instances 2, 3, ...
 * @param traceStorePort the local trace store's port; 0: none is started
 */
record LauncherSettings(Path repoRoot, Path home, Map<String, Integer> ports, int kafkaPort, int kafkaControllerPort,
		int mongoPort, int redisPort, String otlpEndpoint, Map<String, Map<String, String>> extraEnv,
		Map<String, String> heap, List<String> jvmOptions, Path javaHome, boolean otelAgent, Duration startupTimeout,
		Map<String, String> parentEnv, String eurekaUsername, String eurekaPassword, int gatewayManagementPort,
		Map<String, List<Integer>> extraPorts, List<Integer> extraManagementPorts, int traceStorePort) {

	static final String AGENT_PATH = "infra/local/target/otel/opentelemetry-javaagent.jar";

	LauncherSettings {
		ports = Map.copyOf(ports);
		otlpEndpoint = otlpEndpoint == null || otlpEndpoint.isBlank() ? null : otlpEndpoint.trim();
		Map<String, Map<String, String>> env = new LinkedHashMap<>();
		// per-module maps keep null values (they remove a variable), which Map.copyOf
		// refuses
		extraEnv.forEach((module, vars) -> env.put(module, Collections.unmodifiableMap(new LinkedHashMap<>(vars))));
		extraEnv = Collections.unmodifiableMap(env);
		Map<String, String> heapSizes = new LinkedHashMap<>(Modules.DEFAULT_HEAP);
		heapSizes.putAll(heap);
		heap = Map.copyOf(heapSizes);
		jvmOptions = List.copyOf(jvmOptions);
		parentEnv = Collections.unmodifiableMap(new LinkedHashMap<>(parentEnv));
		Map<String, List<Integer>> extra = new LinkedHashMap<>();
		extraPorts.forEach((module, list) -> extra.put(module, List.copyOf(list)));
		extraPorts = Collections.unmodifiableMap(extra);
		extraManagementPorts = List.copyOf(extraManagementPorts);
	}

	/** Every instance of a module, the first one first. */
	List<InstanceId> instances(String module) {
		Modules.require(module);
		List<InstanceId> instances = new ArrayList<>();
		instances.add(InstanceId.first(module));
		for (int i = 0; i < extraPorts.getOrDefault(module, List.of()).size(); i++) {
			instances.add(new InstanceId(module, i + 2));
		}
		return instances;
	}

	/** Every instance of every module, discovery first. */
	List<InstanceId> allInstances() {
		return Modules.ALL.stream().flatMap(module -> instances(module).stream()).toList();
	}

	int port(InstanceId instance) {
		return instance.index() == 1 ? port(instance.module())
				: extraPorts.get(instance.module()).get(instance.index() - 2);
	}

	int managementPort(InstanceId gateway) {
		return gateway.index() == 1 ? gatewayManagementPort : extraManagementPorts.get(gateway.index() - 2);
	}

	String serviceUrl(InstanceId instance) {
		return "http://localhost:" + port(instance);
	}

	Path logFile(InstanceId instance) {
		return logDir().resolve(instance.name() + ".log");
	}

	/** Where a running launcher describes its processes for {@code ./run status}. */
	Path statusFile() {
		return home.resolve("processes.tsv");
	}

	int port(String module) {
		Modules.require(module);
		return ports.get(module);
	}

	/** {@code http://localhost:<port>} of a module. */
	String serviceUrl(String module) {
		return "http://localhost:" + port(module);
	}

	String gatewayUrl() {
		return serviceUrl(Modules.GATEWAY);
	}

	String eurekaUrl() {
		return serviceUrl(Modules.DISCOVERY);
	}

	/** Discovery's URL for its clients, with their credentials. */
	String eurekaClientUri() {
		return "http://" + encode(eurekaUsername) + ":" + encode(eurekaPassword) + "@localhost:"
				+ port(Modules.DISCOVERY) + "/eureka/";
	}

	/** The value of an {@code Authorization} header that discovery accepts. */
	String eurekaAuthorization() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((eurekaUsername + ":" + eurekaPassword).getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String userInfoPart) {
		return URLEncoder.encode(userInfoPart, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The gateway's metrics and other actuator endpoints. */
	String gatewayManagementUrl() {
		return "http://127.0.0.1:" + gatewayManagementPort;
	}

	/**
	 * REDIS_HOST set for the launcher means a Redis run by someone else (e.g. a managed
	 * one): none is started.
	 */
	boolean externalRedis() {
		String host = parentEnv.get("REDIS_HOST");
		return host != null && !host.isBlank();
	}

	/** Where the gateway's rate limits keep their buckets, as a person reads it. */
	String redisAddress() {
		return externalRedis() ? parentEnv.get("REDIS_HOST") : "localhost:" + redisPort;
	}

	Path logDir() {
		return home.resolve("logs");
	}

	Path dataDir() {
		return home.resolve("data");
	}

	Path logFile(String module) {
		return logDir().resolve(module + ".log");
	}

	Path jar(String module) {
		return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
	}

	Path traceStoreJar() {
		return repoRoot.resolve(TraceStore.JAR_PATH);
	}

	Path agentJar() {
		return repoRoot.resolve(AGENT_PATH);
	}

	Path javaExecutable() {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		return javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
	}

	/** The jars (and the java executable) {@code start()} needs that are not there. */
	List<String> missingArtifacts() {
		List<String> missing = new ArrayList<>();
		for (String module : Modules.ALL) {
			if (!Files.isRegularFile(jar(module))) {
				missing.add(jar(module).toString());
			}
		}
		if (otelAgent && !Files.isRegularFile(agentJar())) {
			missing.add(agentJar().toString());
		}
		if (traceStorePort > 0 && !Files.isRegularFile(traceStoreJar())) {
			missing.add(traceStoreJar().toString());
		}
		if (!Files.isExecutable(javaExecutable())) {
			missing.add(javaExecutable().toString());
		}
		return missing;
	}
}
