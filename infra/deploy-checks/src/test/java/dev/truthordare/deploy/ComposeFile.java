package dev.truthordare.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/compose/docker-compose.yml as compose reads it: YAML anchors and merge keys
 * resolved, {@code ${VAR:-default}} and {@code ${VAR:?error}} interpolated from a given
 * environment, {@code $$} unescaped.
 */
final class ComposeFile {

	static final Path PATH = ProjectFiles.root().resolve("infra/compose/docker-compose.yml");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

	private final Map<String, Object> services;

	@SuppressWarnings("unchecked")
	ComposeFile(Map<String, String> environment) {
		Map<String, Object> file = new Yaml().load(interpolate(ProjectFiles.read(PATH), environment));
		this.services = (Map<String, Object>) file.get("services");
	}

	static String interpolate(String text, Map<String, String> environment) {
		Matcher m = VARIABLE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String replacement;
			if (m.group().equals("$$")) {
				replacement = "$";
			}
			else {
				String value = environment.get(m.group(1));
				boolean empty = value == null || value.isEmpty();
				if (empty && ":?".equals(m.group(2))) {
					throw new IllegalArgumentException(m.group(1) + ": " + m.group(3));
				}
				replacement = empty ? (":-".equals(m.group(2)) ? m.group(3) : "") : value;
			}
			m.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		m.appendTail(out);
		return out.toString();
	}

	List<String> names() {
		return List.copyOf(services.keySet());
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> service(String name) {
		return (Map<String, Object>) services.get(name);
	}

	Map<String, String> environment(String name) {
		Map<String, String> env = new LinkedHashMap<>();
		Object declared = service(name).get("environment");
		if (declared instanceof Map<?, ?> map) {
			map.forEach((key, value) -> env.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
		}
		else if (declared != null) {
			throw new IllegalStateException(name + ": environment as a map, please (KEY: value)");
		}
		return env;
	}

	@SuppressWarnings("unchecked")
	List<String> strings(String name, String key) {
		Object value = service(name).get(key);
		return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
	}

	@SuppressWarnings("unchecked")
	Map<String, Map<String, Object>> dependencies(String name) {
		Object value = service(name).get("depends_on");
		return value == null ? Map.of() : (Map<String, Map<String, Object>>) value;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> healthcheck(String name) {
		return (Map<String, Object>) service(name).get("healthcheck");
	}

}
