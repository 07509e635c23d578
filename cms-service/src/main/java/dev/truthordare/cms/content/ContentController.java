package dev.truthordare.cms.content;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cms/content")
class ContentController {

	/**
	 * A moderator's new item. Unknown JSON fields are refused by the global Jackson
	 * setting.
	 */
	record CreateContentRequest(String type, String content, String language, String category, String difficulty,
			Integer difficultyLevel, String ageRating, List<String> tags, Integer durationMinutes,
			List<String> propsRequired, Boolean indoorSuitable, Boolean outdoorSuitable,
			ContentSnapshot.GroupSize groupSize, String safetyLevel) {

		ContentDraft toDraft() {
			return new ContentDraft(type, content, language, category, difficulty, difficultyLevel, ageRating, tags,
					durationMinutes, propsRequired, indoorSuitable, outdoorSuitable, groupSize, safetyLevel);
		}
	}

	private final ContentService service;

	ContentController(ContentService service) {
		this.service = service;
	}

	@PostMapping
	ResponseEntity<ContentView> create(@RequestBody CreateContentRequest request, Principal principal) {
		ContentItem item = service.create(request.toDraft(), ContentStatus.PENDING, principal.getName());
		return ResponseEntity.created(URI.create("/api/v1/cms/content/" + item.getId()))
			.eTag(etag(item))
			.body(ContentView.of(item));
	}

	@GetMapping("/{id}")
	ResponseEntity<ContentView> get(@PathVariable String id) {
		ContentItem item = service.get(id);
		return ResponseEntity.ok().eTag(etag(item)).body(ContentView.of(item));
	}

	/** Edits text and fields; fields left out (or null) keep their value. */
	@PutMapping("/{id}")
	ResponseEntity<ContentView> edit(@PathVariable String id, @RequestBody CreateContentRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication editor) {
		boolean moderator = editor.getAuthorities()
			.stream()
			.anyMatch(authority -> authority.getAuthority().equals("ROLE_MODERATOR"));
		ContentItem item = service.edit(id, request.toDraft(), parseVersion(ifMatch), editor.getName(), moderator);
		return ResponseEntity.ok().eTag(etag(item)).body(ContentView.of(item));
	}

	@GetMapping("/{id}/history")
	java.util.Map<String, Object> history(@PathVariable String id) {
		ContentItem item = service.get(id);
		return java.util.Map.of("content_id", id, "status", item.getStatus(), "version", item.getVersion(), "history",
				item.getHistory());
	}

	@PostMapping("/{id}/{action:approve|reject|flag|archive}")
	ResponseEntity<ContentView> moderate(@PathVariable String id, @Parameter(
			schema = @Schema(allowableValues = { "approve", "reject", "flag", "archive" })) @PathVariable String action,
			@Valid @RequestBody(required = false) ModerationRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Principal principal) {
		ContentItem item = service.moderate(id, Lifecycle.BY_WIRE_NAME.get(action), request, parseVersion(ifMatch),
				principal.getName());
		return ResponseEntity.ok().eTag(etag(item)).body(ContentView.of(item));
	}

	private static String etag(ContentItem item) {
		return "\"" + item.getVersion() + "\"";
	}

	private static Long parseVersion(String ifMatch) {
		return IfMatch.requiredVersion(ifMatch);
	}

}
