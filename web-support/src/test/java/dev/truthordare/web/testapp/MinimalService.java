package dev.truthordare.web.testapp;

import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.web.problem.ProblemMapper;
import dev.truthordare.web.testing.ProblemProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The smallest servlet service on web-support: the probe endpoints and a few of its own.
 */
@SpringBootApplication
@Import(ProblemProbe.class)
public class MinimalService {

	/**
	 * A library exception this service cannot extend, mapped by a {@link ProblemMapper}.
	 */
	public static class LockLost extends RuntimeException {

	}

	public record Greeting(String greetingText, String recipientName) {
	}

	@Bean
	ProblemMapper lockLost() {
		return ProblemMapper.of(LockLost.class, e -> new ApiProblem(HttpStatus.CONFLICT,
				"Someone else changed it at the same time; reload and retry."));
	}

	@RestController
	static class Endpoints {

		@GetMapping("/greetings/{name}")
		Greeting greeting(@PathVariable String name) {
			return switch (name) {
				case "busy" -> throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many greetings; wait a bit.",
						Map.of("retry_after_seconds", 7), headers("Retry-After", "7"));
				case "locked" -> throw new LockLost();
				case "gone" -> throw new ResponseStatusException(HttpStatus.GONE, "This greeting is gone.");
				default -> new Greeting("Hello", name);
			};
		}

		/**
		 * A refusal outside Spring MVC's exception handling, answered by the container's
		 * error page.
		 */
		/** Logs one line while serving, as a service's own code does. */
		@GetMapping("/logged")
		Greeting logged() {
			LoggerFactory.getLogger(MinimalService.class).info("greeting served");
			return new Greeting("Hello", "log");
		}

		@GetMapping("/teapot")
		void teapot(HttpServletResponse response) throws IOException {
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), "internal reason that never leaks");
		}

		private static HttpHeaders headers(String name, String value) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(name, value);
			return headers;
		}

	}

}
