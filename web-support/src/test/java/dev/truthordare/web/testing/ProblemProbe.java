package dev.truthordare.web.testing;

import dev.truthordare.web.problem.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in tests, at the same path in every service that imports
 * this, so that one malformed request can be sent to each service and its answers
 * compared byte for byte ({@link ProblemContract}).
 */
@RestController
@RequestMapping("/problem-contract")
public class ProblemProbe {

	/**
	 * A body with a camelCase Java name, to show the client sees its snake_case name in
	 * every problem.
	 */
	public record ProbeBody(@NotBlank String displayName, @Min(1) @Max(5) int starCount) {
	}

	/** A service's own refusal, as its domain exceptions make them. */
	static class AlreadyDecided extends ApiProblem {

		AlreadyDecided() {
			super(HttpStatus.CONFLICT, "This item was already decided.");
			with("current_status", "APPROVED");
		}

	}

	@PostMapping(path = "/body", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> body(@Valid @RequestBody ProbeBody body) {
		return Map.of("ok", true);
	}

	@GetMapping(path = "/params", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> params(@RequestParam int count) {
		return Map.of("count", count);
	}

	@GetMapping("/domain")
	Map<String, Object> domain() {
		throw new AlreadyDecided();
	}

	@GetMapping("/unexpected")
	Map<String, Object> unexpected() {
		throw new IllegalStateException("a bug with internals that must not leak: at dev.truthordare.Secret");
	}

}
