package dev.truthordare.content.legacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Marks every answer on the original paths as deprecated, with its sunset and a link to
 * the endpoint that replaces it, and counts the calls
 * ({@code legacy_api_requests_total{path, status, client}}) so operators see who still
 * needs the old paths before the sunset. {@code client} is the product of the caller's
 * {@code User-Agent} ({@code okhttp}, {@code python-requests}…), not a device: at most
 * {@value #MAX_CLIENTS} distinct values, then {@code other}, so no caller can grow the
 * metric without bound.
 */
// its own settings come with it: controller slice tests load every WebMvcConfigurer, not
// the properties scan
@Configuration
@EnableConfigurationProperties(LegacyProperties.class)
class LegacyInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	static final String[] PATHS = { "/api/v1/truth", "/api/v1/truth/**", "/api/v2/truth", "/api/v2/truth/**",
			"/api/v1/dare", "/api/v1/dare/**", "/api/v2/dare", "/api/v2/dare/**", "/api/v1/game/random",
			"/api/v1/health" };

	static final int MAX_CLIENTS = 50;

	private static final Pattern PRODUCT = Pattern.compile("[A-Za-z0-9._-]{1,32}");

	private final Set<String> clients = ConcurrentHashMap.newKeySet();

	private final MeterRegistry meters;

	private final String deprecation;

	private final String sunset;

	/**
	 * Slice tests of other controllers load this configurer without metrics; it then
	 * counts into a private registry.
	 */
	LegacyInterceptor(ObjectProvider<MeterRegistry> meters, LegacyProperties properties) {
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.deprecation = "@" + properties.deprecatedSince().getEpochSecond();
		this.sunset = DateTimeFormatter.RFC_1123_DATE_TIME.format(properties.sunset().atOffset(ZoneOffset.UTC));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(PATHS);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		response.setHeader("Deprecation", deprecation);
		response.setHeader("Sunset", sunset);
		response.addHeader(HttpHeaders.LINK, "<" + successor(request.getRequestURI()) + ">; rel=\"successor-version\"");
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception failure) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		Counter.builder("legacy_api_requests")
			.description("Calls to the original Truth and Dare API's paths, which are deprecated")
			.tag("path", pattern == null ? "unmatched" : pattern.toString())
			.tag("status", Integer.toString(response.getStatus()))
			.tag("client", client(request.getHeader(HttpHeaders.USER_AGENT)))
			.register(meters)
			.increment();
	}

	private String client(String userAgent) {
		String product = userAgent == null ? "" : userAgent.strip().split("[/ ]", 2)[0];
		if (!PRODUCT.matcher(product).matches()) {
			return "unknown";
		}
		String label = product.toLowerCase(Locale.ROOT);
		if (clients.contains(label) || (clients.size() < MAX_CLIENTS && clients.add(label))) {
			return label;
		}
		return "other";
	}

	/** The new API's endpoint for the same need. */
	static String successor(String path) {
		if (path.startsWith("/api/v1/truth/categories")) {
			return "/api/v2/truths/categories";
		}
		if (path.startsWith("/api/v1/dare/difficulties")) {
			return "/api/v2/dares/difficulties";
		}
		if (path.startsWith("/api/v1/truth") || path.startsWith("/api/v2/truth")) {
			return "/api/v2/truths/random";
		}
		if (path.startsWith("/api/v1/dare") || path.startsWith("/api/v2/dare")) {
			return "/api/v2/dares/random";
		}
		if (path.startsWith("/api/v1/game")) {
			return "/api/v1/games";
		}
		return "/api/v2/stats";
	}

}
