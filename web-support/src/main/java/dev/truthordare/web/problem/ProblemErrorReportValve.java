package dev.truthordare.web.problem;

import dev.truthordare.web.request.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some requests before any servlet sees them, such as an {@code Expect}
 * other than {@code 100-continue} (417); its own error report is an HTML page. This one
 * writes the same problem+json as the rest of the service. Installed as the host's error
 * report valve, so it answers before Boot's HTML-free default.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		String detail = status == HttpStatus.EXPECTATION_FAILED.value() ? "Header Expect supports only 100-continue."
				: title + ".";
		String requestId = request.getHeader(RequestIds.HEADER);
		String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail + "\"" + (RequestIds.wellFormed(requestId) ? ",\"request_id\":\"" + requestId + "\"" : "")
				+ "}";
		try {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the answer already started: nothing more to say
		}
	}

}
