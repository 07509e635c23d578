package dev.truthordare.rating.ratings;

import dev.truthordare.events.ContentType;
import dev.truthordare.rating.web.Idempotency;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.web.request.ClientAddresses;
import dev.truthordare.web.request.ClientIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ratings")
class RatingController {

	static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
	static final int MAX_LIMIT = 100;

	record RatingRequest(@NotBlank @Pattern(regexp = ID_PATTERN, message = "must be an item id") String contentId,
			@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 500) String comment, Boolean appropriate,
			@Pattern(regexp = "too_easy|just_right|too_hard",
					message = "must be one of too_easy, just_right, too_hard") String difficultyFeedback) {
	}

	private final RatingService ratings;

	private final Idempotency idempotency;

	RatingController(RatingService ratings, Idempotency idempotency) {
		this.ratings = ratings;
		this.idempotency = idempotency;
	}

	/**
	 * Rates an item (again: replaces); with {@code Idempotency-Key}, a retry returns the
	 * first answer.
	 */
	@PostMapping
	ResponseEntity<Object> rate(@Valid @RequestBody RatingRequest request,
			@RequestHeader(name = ClientIds.HEADER, required = false) String clientId,
			@RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
			HttpServletRequest http) {
		String client = ClientIds.require(clientId);
		String address = ClientAddresses.of(http);
		return idempotency.once(client, idempotencyKey, "POST /api/v1/ratings", request,
				() -> ResponseEntity.ok(ratings.rate(client, address, new RatingService.Rating(request.contentId(),
						request.rating(), request.comment(), request.appropriate(), request.difficultyFeedback()))));
	}

	/** Withdraws this client's rating; answers with the item's new summary. */
	@DeleteMapping("/{contentId:" + ID_PATTERN + "}")
	RatingService.Summary withdraw(@PathVariable String contentId,
			@RequestHeader(name = ClientIds.HEADER, required = false) String clientId) {
		return ratings.withdraw(ClientIds.require(clientId), contentId);
	}

	@GetMapping("/{contentId:" + ID_PATTERN + "}")
	RatingService.Summary summary(@PathVariable String contentId) {
		return ratings.summary(contentId);
	}

	/**
	 * Best rated items by the Wilson lower bound of the share of 4–5 star ratings (not by
	 * the raw average), among items rated from enough distinct addresses.
	 */
	@GetMapping("/top")
	ResponseEntity<Map<String, Object>> top(@RequestParam(required = false) String type,
			@RequestParam(defaultValue = "10") int limit,
			@RequestParam(name = "min_count", defaultValue = "1") long minCount) {
		ContentType contentType = null;
		if (type != null) {
			contentType = switch (type) {
				case "truth" -> ContentType.TRUTH;
				case "dare" -> ContentType.DARE;
				default -> throw new ApiProblem(HttpStatus.BAD_REQUEST, "Parameter type must be 'truth' or 'dare'.",
						Map.of("parameter", "type", "allowed_values", List.of("truth", "dare")));
			};
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "Parameter limit must be between 1 and " + MAX_LIMIT + ".",
					Map.of("parameter", "limit"));
		}
		if (minCount < 1) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "Parameter min_count must be at least 1.",
					Map.of("parameter", "min_count"));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (type != null) {
			body.put("type", type);
		}
		body.put("limit", limit);
		body.put("min_count", minCount);
		body.put("ranking", "wilson_lower_bound_95_positive_4_5_stars");
		body.put("items", ratings.top(contentType, limit, minCount));
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(30))).body(body);
	}

}
