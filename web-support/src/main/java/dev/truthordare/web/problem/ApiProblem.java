package dev.truthordare.web.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * What a service throws when a request cannot be served as asked: the status, a detail
 * for the client and extra members of the problem document. A service names its own cases
 * as subclasses ({@code class UnknownItem extends
 * ApiProblem}) and {@link ProblemHandler} turns every one of them into the same
 * application/problem+json shape. Subclasses add members in their constructors with
 * {@link #with(String, Object)}; names are snake_case, as on the wire.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final HttpHeaders headers = new HttpHeaders();

	public ApiProblem(HttpStatus status, String detail) {
		super(detail, null, false, false); // a refusal, not a fault: no stack trace to
											// fill in or to leak
		this.status = status;
	}

	/**
	 * With members in the order of their names, so a {@code Map.of} gives the same
	 * document every time.
	 */
	public ApiProblem(HttpStatus status, String detail, Map<String, ?> properties) {
		this(status, detail);
		this.properties.putAll(new TreeMap<>(properties));
	}

	public ApiProblem(HttpStatus status, String detail, Map<String, ?> properties, HttpHeaders headers) {
		this(status, detail, properties);
		this.headers.addAll(headers);
	}

	/** Adds a member to the problem document. */
	protected final void with(String name, Object value) {
		properties.put(name, value);
	}

	/** Adds a response header, such as {@code Retry-After}. */
	protected final void withHeader(String name, String value) {
		headers.set(name, value);
	}

	public HttpStatus status() {
		return status;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

	public HttpHeaders headers() {
		return HttpHeaders.readOnlyHttpHeaders(headers);
	}

}
