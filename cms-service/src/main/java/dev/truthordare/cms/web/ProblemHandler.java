package dev.truthordare.cms.web;

import dev.truthordare.cms.accounts.TokenService;
import dev.truthordare.cms.content.ContentExceptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as application/problem+json with the request id; never a stack trace. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(TokenService.BadCredentialsException.class)
    ProblemDetail badCredentials(TokenService.BadCredentialsException e, HttpServletRequest request) {
        return ProblemResponses.problem(request, HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(ContentExceptions.NotFound.class)
    ProblemDetail notFound(ContentExceptions.NotFound e, HttpServletRequest request) {
        return ProblemResponses.problem(request, HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ContentExceptions.Invalid.class)
    ProblemDetail invalid(ContentExceptions.Invalid e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.BAD_REQUEST, "The content is not valid.");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e, HttpServletRequest request) {
        return ProblemResponses.problem(request, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ContentExceptions.Banned.class)
    ProblemDetail banned(ContentExceptions.Banned e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("rule", "banned_words");
        return problem;
    }

    @ExceptionHandler(ContentExceptions.Duplicate.class)
    ProblemDetail duplicate(ContentExceptions.Duplicate e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("duplicate_of", e.duplicateOf());
        problem.setProperty("similarity", Math.round(e.similarity() * 1000) / 1000.0);
        return problem;
    }

    @ExceptionHandler(ContentExceptions.BadReason.class)
    ProblemDetail badReason(ContentExceptions.BadReason e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("allowed_reason_codes", dev.truthordare.cms.content.ReasonCode.names());
        return problem;
    }

    @ExceptionHandler(ContentExceptions.IllegalTransition.class)
    ProblemDetail illegalTransition(ContentExceptions.IllegalTransition e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("current_status", e.current());
        problem.setProperty("allowed_actions", e.allowedActions());
        return problem;
    }

    @ExceptionHandler(ContentExceptions.VersionMismatch.class)
    ProblemDetail versionMismatch(ContentExceptions.VersionMismatch e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(request, HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setProperty("current_version", e.currentVersion());
        return problem;
    }

    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(HttpServletRequest request) {
        return ProblemResponses.problem(request, HttpStatus.CONFLICT,
                "The item was changed by someone else at the same time; reload it and try again.");
    }

    /** Tomcat refuses a query string that is not valid UTF-8 (such as {@code %FF}) once a parameter is read. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameters(HttpServletRequest request) {
        return ProblemResponses.problem(request, HttpStatus.BAD_REQUEST,
                "The query string is not valid percent-encoded UTF-8.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ProblemResponses.problem(request, HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote the request id when reporting it.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request has invalid fields.");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return handleExceptionInternal(e, problem, headers, status, request);
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
}
