package dev.truthordare.content.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as application/problem+json carrying the gateway's request id; never a stack trace. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Pattern WELL_FORMED_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    /** A problem with a status, a detail and extra members, thrown by controllers of this service. */
    public static class ProblemException extends RuntimeException {
        private final HttpStatus status;
        private final java.util.Map<String, Object> properties;

        public ProblemException(HttpStatus status, String detail, java.util.Map<String, Object> properties) {
            super(detail);
            this.status = status;
            this.properties = properties;
        }
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        e.properties.forEach(problem::setProperty);
        return decorate(problem, request);
    }

    /** Tomcat refuses a query string that is not valid UTF-8 (such as {@code %FF}) once a parameter is read. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameters(HttpServletRequest request) {
        return decorate(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query string is not valid percent-encoded UTF-8."), request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return decorate(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote the request id when reporting it."), request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            decorate(problem, servletRequest);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null && WELL_FORMED_REQUEST_ID.matcher(requestId).matches()) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }
}
