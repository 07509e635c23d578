package dev.truthordare.infra.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules the launcher runs and what each gets by default (docs/architecture.md,
 * "Modules").
 */
final class Modules {

	static final String DISCOVERY = "discovery";
	static final String GATEWAY = "gateway-service";
	static final String CONTENT = "content-service";
	static final String RATING = "rating-service";
	static final String TRANSLATION = "translation-service";
	static final String CMS = "cms-service";

	/** The services started after discovery (in parallel), in this order. */
	static final List<String> SERVICES = List.of(GATEWAY, CONTENT, RATING, TRANSLATION, CMS);

	/** Discovery followed by {@link #SERVICES}. */
	static final List<String> ALL = List.of(DISCOVERY, GATEWAY, CONTENT, RATING, TRANSLATION, CMS);

	/**
	 * The modules that run as several instances on request ({@code TOD_INSTANCES},
	 * {@code <MODULE>_INSTANCES}); discovery is always one.
	 */
	static final List<String> SCALABLE = List.of(GATEWAY, CONTENT, RATING, TRANSLATION, CMS);

	/** Fixed default ports, the ones the documentation and the compose file use. */
	static final Map<String, Integer> DEFAULT_PORTS = orderedMap(DISCOVERY, 8761, GATEWAY, 8080, CONTENT, 8081, RATING,
			8082, TRANSLATION, 8083, CMS, 8084);

	/** Database per service; modules without an entry get no {@code MONGODB_URI}. */
	static final Map<String, String> DATABASES = orderedMap(CONTENT, "content", RATING, "ratings", TRANSLATION,
			"translations", CMS, "cms");

	/** Default maximum heap per module. */
	static final Map<String, String> DEFAULT_HEAP = orderedMap(DISCOVERY, "256m", GATEWAY, "384m", CONTENT, "256m",
			RATING, "256m", TRANSLATION, "256m", CMS, "256m");

	private Modules() {
	}

	static void require(String module) {
		if (!ALL.contains(module)) {
			throw new IllegalArgumentException("unknown module " + module + "; one of " + ALL);
		}
	}

	@SafeVarargs
	private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
		Map<String, V> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			@SuppressWarnings("unchecked")
			V value = (V) keysAndValues[i + 1];
			map.put((String) keysAndValues[i], value);
		}
		return Collections.unmodifiableMap(map);
	}

}
