package dev.truthordare.rating.ratings;

import dev.truthordare.rating.web.ProblemHandler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ratings")
class RatingController {

    static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final java.util.regex.Pattern CLIENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    record RatingRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN) String contentId,
            @NotNull @Min(1) @Max(5) Integer rating,
            @Size(max = 500) String comment,
            Boolean appropriate,
            @Pattern(regexp = "too_easy|just_right|too_hard") String difficultyFeedback) {
    }

    private final RatingService ratings;

    RatingController(RatingService ratings) {
        this.ratings = ratings;
    }

    @PostMapping
    RatingService.Summary rate(@Valid @RequestBody RatingRequest request,
            @RequestHeader(name = "X-Client-Id", required = false) String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new ProblemHandler.ProblemException(HttpStatus.BAD_REQUEST,
                    "Header X-Client-Id is required: 1–64 characters of letters, digits, '.', '_', ':' or '-'.",
                    Map.of("header", "X-Client-Id"));
        }
        return ratings.rate(request.contentId(), clientId, request.rating(), request.comment());
    }

    @GetMapping("/{contentId:" + ID_PATTERN + "}")
    RatingService.Summary summary(@PathVariable String contentId) {
        return ratings.summary(contentId);
    }
}
