package dev.truthordare.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What one service module reads from its environment, derived from its own sources so
 * that a deployment file cannot set a variable nobody reads (a typo, a renamed setting, a
 * variable meant for another service) without a test failing.
 *
 * <p>
 * The rule: a variable is read by a service when
 * <ol>
 * <li>a {@code ${NAME...}} placeholder in its {@code application.yml} (and, for the
 * servlet services, web-support's {@code web-support-defaults.yml}) names it;</li>
 * <li>it is the relaxed-binding form of a key that YAML declares (Spring binds
 * {@code SPRING_DATA_REDIS_HOST} to {@code spring.data.redis.host}): only keys the
 * service itself sets, so a variable for a setting it does not use still fails;</li>
 * <li>it lies under the prefix of a {@code @ConfigurationProperties} class in the
 * service's (or web-support's) main sources, e.g. {@code SHUTDOWN_DEREGISTRATION_WAIT}
 * for {@code @ConfigurationProperties("shutdown")};</li>
 * <li>it is read by the JVM ({@code JAVA_TOOL_OPTIONS}) or is one of the OpenTelemetry
 * agent settings listed in {@link #AGENT_VARIABLES} (the agent is in every image).</li>
 * </ol>
 */
record ServiceSettings(String module, int port, int managementPort, Set<String> placeholders, Set<String> keyForms,
		Set<String> propertyPrefixes) {

	/** The six service modules, each one image. */
	static final List<String> MODULES = List.of("discovery", "gateway-service", "content-service", "rating-service",
			"translation-service", "cms-service");

	/** Read by the JVM and the OpenTelemetry agent of every image. */
	static final Set<String> AGENT_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "OTEL_SERVICE_NAME", "OTEL_TRACES_EXPORTER",
			"OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
			"OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_BSP_SCHEDULE_DELAY");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Pattern PROPERTIES_PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([^\"]+)\"\\)");

	private static final Pattern WEB_SUPPORT_AT_RUNTIME = Pattern
		.compile("<artifactId>web-support</artifactId>\\s*</dependency>");

	private static final Pattern DEFAULT_PORT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

	static Map<String, ServiceSettings> all() {
		Map<String, ServiceSettings> all = new LinkedHashMap<>();
		MODULES.forEach(module -> all.put(module, of(module)));
		return all;
	}

	static ServiceSettings of(String module) {
		Path root = ProjectFiles.root();
		boolean servlet = WEB_SUPPORT_AT_RUNTIME.matcher(ProjectFiles.read(root.resolve(module).resolve("pom.xml")))
			.find();
		String yaml = ProjectFiles.read(root.resolve(module).resolve("src/main/resources/application.yml"));
		String defaults = servlet
				? ProjectFiles.read(root.resolve("web-support/src/main/resources/web-support-defaults.yml")) : "";
		Set<String> placeholders = new TreeSet<>();
		for (String text : List.of(yaml, defaults)) {
			Matcher m = PLACEHOLDER.matcher(text);
			while (m.find()) {
				placeholders.add(m.group(1));
			}
		}
		Map<String, Object> own = flatten(yaml);
		Map<String, Object> all = new LinkedHashMap<>(flatten(defaults));
		all.putAll(own);
		Set<String> keyForms = new TreeSet<>();
		all.keySet().forEach(key -> keyForms.addAll(environmentForms(key)));
		Set<String> prefixes = new TreeSet<>();
		prefixes.addAll(propertyPrefixes(root.resolve(module).resolve("src/main/java")));
		if (servlet) {
			prefixes.addAll(propertyPrefixes(root.resolve("web-support/src/main/java")));
		}
		int port = defaultPort(all.get("server.port"));
		Object management = all.get("management.server.port");
		return new ServiceSettings(module, port, management == null ? port : defaultPort(management), placeholders,
				keyForms, prefixes);
	}

	/** Whether the service reads this environment variable (the rule above). */
	boolean reads(String variable) {
		return placeholders.contains(variable) || keyForms.contains(variable) || AGENT_VARIABLES.contains(variable)
				|| propertyPrefixes.stream()
					.flatMap(prefix -> environmentForms(prefix).stream())
					.anyMatch(prefix -> variable.startsWith(prefix + "_"));
	}

	/** The image Jib builds for this module (root pom: image.prefix). */
	String image() {
		return ProjectFiles.imagePrefix() + "/" + module + ":" + ProjectFiles.version();
	}

	/** Both spellings Spring's relaxed binding maps to a property name. */
	static Set<String> environmentForms(String property) {
		String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
		return new TreeSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
	}

	private static int defaultPort(Object value) {
		Matcher m = DEFAULT_PORT.matcher(String.valueOf(value));
		return m.matches() ? Integer.parseInt(m.group(1)) : Integer.parseInt(String.valueOf(value));
	}

	private static Set<String> propertyPrefixes(Path sources) {
		Set<String> prefixes = new TreeSet<>();
		try (Stream<Path> files = Files.walk(sources)) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
				Matcher m = PROPERTIES_PREFIX.matcher(ProjectFiles.read(f));
				while (m.find()) {
					prefixes.add(m.group(1));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return prefixes;
	}

	private static Map<String, Object> flatten(String yaml) {
		Map<String, Object> flat = new LinkedHashMap<>();
		if (!yaml.isBlank()) {
			flatten("", new Yaml().load(yaml), flat);
		}
		return flat;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object node, Map<String, Object> flat) {
		if (node instanceof Map<?, ?> map) {
			((Map<Object, Object>) map).forEach(
					(key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
		}
		else {
			flat.put(prefix, node);
		}
	}

}
