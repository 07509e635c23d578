package dev.truthordare.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place a servlet service's errors become application/problem+json: its own
 * {@link ApiProblem}s, what {@link ProblemMapper}s make of library exceptions, every
 * Spring MVC refusal (unreadable or unknown JSON, missing or mistyped parameters, 404,
 * 405, 406, 415, too large uploads) and Tomcat's refusal of a query string that is not
 * UTF-8. Each carries {@code instance}, {@code request_id} and {@code trace_id}; nothing
 * carries a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final List<ProblemMapper> mappers;

	public ProblemHandler(List<ProblemMapper> mappers) {
		this.mappers = List.copyOf(mappers);
	}

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<Object> apiProblem(ApiProblem e, WebRequest request) {
		return render(e, e, request);
	}

	/**
	 * Tomcat refuses a query string that is not valid UTF-8 (such as {@code %FF}) once a
	 * parameter is read.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameters(InvalidParameterException e, WebRequest request) {
		return render(e, new ApiProblem(HttpStatus.BAD_REQUEST, "The query string is not valid percent-encoded UTF-8."),
				request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
		for (ProblemMapper mapper : mappers) {
			ApiProblem problem = mapper.map(e);
			if (problem != null) {
				return render(e, problem, request);
			}
		}
		log.error("Unhandled error on {}", request.getDescription(false), e);
		return render(e, new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; quote the request id when reporting it."), request);
	}

	/**
	 * Names the offending field of an unreadable body instead of a generic "Failed to
	 * read request".
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(e,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, RequestErrors.unreadable(e)), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Lists every invalid field (snake_case, as the client sent it) with its constraint.
	 */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(e, RequestErrors.invalid(RequestErrors.fieldErrors(e)), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Constraints on parameters ({@code @Pattern} on a path variable, say): listed like
	 * invalid fields.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(e, RequestErrors.invalid(RequestErrors.parameterErrors(e)), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(e, RequestErrors.typeMismatch(e), headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Spring's own wording ("No static resource") fits a web site, not an API. */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(e,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						"There is no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath() + "."),
				headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			ProblemResponses.decorate(problem, servletRequest);
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	private ResponseEntity<Object> render(Exception e, ApiProblem problem, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		problem.properties().forEach(body::setProperty);
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(problem.headers());
		return handleExceptionInternal(e, body, headers, problem.status(), request);
	}

}
