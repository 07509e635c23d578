package dev.truthordare.web.request;

import dev.truthordare.web.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers whose broken grammar would otherwise surface deep inside Spring MVC or Tomcat
 * as an empty 406 or a 500. An {@code Accept} that is not a list of media types is a 400
 * problem naming the header (Spring would answer 406 with no body, since no type it could
 * write is acceptable). An {@code Accept-Language} Tomcat cannot parse (it throws past
 * ten ranges) reads as no preference, i.e. English: language negotiation never fails a
 * request.
 */
public class HeaderGrammarFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	public HeaderGrammarFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasControlCharacters(request)) {
			// Spring Security's firewall would throw on them, which ended as a 500
			problems.write(request, response, HttpStatus.BAD_REQUEST,
					"A header value contains control characters; header values are visible ASCII or UTF-8 text.");
			return;
		}
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && isWildcard(contentType)) {
			// a wildcard is no type a body can have; Spring MVC threw on it (500)
			response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Header Content-Type must name the body's type, not a wildcard: send application/json.");
			return;
		}
		List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
		if (!accept.isEmpty() && !isMediaTypeList(accept)) {
			problems.write(request, response, HttpStatus.BAD_REQUEST,
					"Header Accept is not a valid list of media types (RFC 9110, section 12.5.1);"
							+ " send application/json or leave it out.");
			return;
		}
		chain.doFilter(new TolerantLocales(request), response);
	}

	/**
	 * C0 controls but tab, DEL and C1 controls: UTF-8 bytes 0x80-0x9F arrive as C1
	 * characters, since Tomcat reads header bytes as ISO-8859-1.
	 */
	private static boolean hasControlCharacters(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isWildcard(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (IllegalArgumentException e) {
			return false; // Spring MVC refuses an unparseable one with 415 itself
		}
	}

	private static boolean isMediaTypeList(List<String> values) {
		try {
			MediaType.parseMediaTypes(values);
			return true;
		}
		catch (IllegalArgumentException e) { // InvalidMediaTypeException among others
			return false;
		}
	}

	/** The request's locales, or English when its Accept-Language cannot be parsed. */
	private static final class TolerantLocales extends HttpServletRequestWrapper {

		TolerantLocales(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Locale getLocale() {
			try {
				return super.getLocale();
			}
			catch (IllegalArgumentException e) {
				return Locale.ENGLISH;
			}
		}

		@Override
		public Enumeration<Locale> getLocales() {
			try {
				return super.getLocales();
			}
			catch (IllegalArgumentException e) {
				return Collections.enumeration(List.of(Locale.ENGLISH));
			}
		}

	}

}
