package dev.truthordare.content.legacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Marks every answer on the original paths as deprecated, with its sunset and a link to the endpoint that replaces
 * it, and counts the calls ({@code legacy_api_requests_total{path, status}}) so operators see how much traffic still
 * needs the old paths before the sunset.
 */
@Configuration
class LegacyInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String[] PATHS = {"/api/v1/truth", "/api/v1/truth/**", "/api/v2/truth", "/api/v2/truth/**",
        "/api/v1/dare", "/api/v1/dare/**", "/api/v2/dare", "/api/v2/dare/**", "/api/v1/game/random", "/api/v1/health"};

    private final MeterRegistry meters;
    private final String deprecation;
    private final String sunset;

    LegacyInterceptor(MeterRegistry meters, LegacyProperties properties) {
        this.meters = meters;
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
                .register(meters)
                .increment();
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
