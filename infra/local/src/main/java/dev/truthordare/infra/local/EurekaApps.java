package dev.truthordare.infra.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Eureka's {@code GET /eureka/apps} (Accept: application/json) and actuator health
 * answers.
 */
final class EurekaApps {

	/**
	 * One registered instance. {@code registrationTimestamp} is 0 when Eureka did not
	 * say.
	 */
	record Instance(String app, String status, int port, long registrationTimestamp) {
		boolean isUp() {
			return "UP".equals(status);
		}
	}

	private static final JsonMapper JSON = JsonMapper.shared();

	private EurekaApps() {
	}

	/** Every instance of every application; an unparsable body gives an empty list. */
	static List<Instance> parse(String body) {
		List<Instance> instances = new ArrayList<>();
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException e) {
			return instances;
		}
		// Eureka writes a list, but older codecs write a single element as an object
		for (JsonNode application : elements(root.path("applications").path("application"))) {
			String appName = application.path("name").asString("");
			for (JsonNode instance : elements(application.path("instance"))) {
				String app = instance.path("app").asString(appName);
				instances.add(new Instance(app.toUpperCase(Locale.ROOT), instance.path("status").asString(""),
						instance.path("port").path("$").asInt(-1),
						instance.path("leaseInfo").path("registrationTimestamp").asLong(0)));
			}
		}
		return instances;
	}

	private static List<JsonNode> elements(JsonNode node) {
		if (node.isArray()) {
			List<JsonNode> list = new ArrayList<>();
			node.forEach(list::add);
			return list;
		}
		return node.isObject() ? List.of(node) : List.of();
	}

	/** True for a Spring Boot actuator health body whose overall status is UP. */
	static boolean isHealthUp(String body) {
		try {
			return "UP".equals(JSON.readTree(body).path("status").asString(""));
		}
		catch (JacksonException e) {
			return false;
		}
	}

}
