package dev.truthordare.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code sendError} from a filter, a request the security
 * firewall rejects): a problem document like every other error of the service, instead of
 * Boot's own JSON shape. It never repeats the exception's message. An exception that a
 * {@link ProblemMapper} knows (a store that is down while a filter reads it, say) gets
 * that problem instead of a 500.
 */
@Hidden // not an endpoint of the API
@RestController
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

	private final List<ProblemMapper> mappers;

	public ProblemErrorController(List<ProblemMapper> mappers) {
		this.mappers = List.copyOf(mappers);
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
			for (ProblemMapper mapper : mappers) {
				ApiProblem mapped = mapper.map(failure);
				if (mapped != null) {
					return answer(request, mapped.status(), mapped.getMessage(), mapped);
				}
			}
		}
		HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
				&& HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.INTERNAL_SERVER_ERROR;
		return answer(request, status,
				status.is5xxServerError() ? "An unexpected error occurred; quote the request id when reporting it."
						: "The request was refused: " + status.getReasonPhrase() + ".",
				null);
	}

	private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, HttpStatus status, String detail,
			ApiProblem mapped) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		HttpHeaders headers = new HttpHeaders();
		if (mapped != null) {
			mapped.properties().forEach(problem::setProperty);
			headers.addAll(mapped.headers());
		}
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(URI.create(path));
		}
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.decorate(problem, request));
	}

}
