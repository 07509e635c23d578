package dev.truthordare.cms.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problems carrying the request id, for controllers and for the security filters alike. */
@Component
public class ProblemResponses {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    // The gateway sets the id; a malformed one (only possible when called directly) is never echoed.
    private static final Pattern WELL_FORMED_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpServletRequest request, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, request);
        return problem;
    }

    public static void decorate(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId != null && WELL_FORMED_REQUEST_ID.matcher(requestId).matches()) {
            problem.setProperty("request_id", requestId);
        }
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem(request, status, detail));
    }
}
