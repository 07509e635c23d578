package dev.truthordare.content.play;

import dev.truthordare.events.ContentType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * What every players' answer shares: v1's deprecation headers, language headers, cache
 * lifetimes and ETags.
 */
final class PlayResponses {

	/** Sunset of the original v1 shape, announced in every v1 answer (RFC 8594). */
	static final String V1_SUNSET = "Thu, 31 Dec 2026 23:59:59 GMT";
	static final String V1_DEPRECATED_SINCE = "@1767225600"; // RFC 9745 structured date:
																// 2026-01-01
	static final CacheControl ITEM_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
	static final CacheControl CATALOGUE_CACHE = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

	private PlayResponses() {
	}

	/**
	 * A 200 with Content-Language and Vary when a language applies and, for v1, the
	 * deprecation headers.
	 */
	static ResponseEntity.BodyBuilder ok(String version, HttpServletRequest request, String language) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (language != null) {
			response.header(HttpHeaders.CONTENT_LANGUAGE, language)
				.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
		}
		if ("v1".equals(version)) {
			String successor = request.getRequestURI().replaceFirst("^/api/v1/", "/api/v2/");
			response.header("Deprecation", V1_DEPRECATED_SINCE)
				.header("Sunset", V1_SUNSET)
				.header(HttpHeaders.LINK, "<" + successor + ">; rel=\"successor-version\"");
		}
		return response;
	}

	/** A strong validator over everything an answer was derived from. */
	static String etag(Object... parts) {
		return "\"" + Integer.toHexString(Objects.hash(parts)) + "-"
				+ Long.toHexString(Objects.hash(Arrays.deepToString(parts))) + "\"";
	}

	static ContentType typeOf(String kind) {
		return "truths".equals(kind) ? ContentType.TRUTH : ContentType.DARE;
	}

	static String abbreviate(String value, int length) {
		return value.length() <= length ? value : value.substring(0, length) + "…";
	}

}
