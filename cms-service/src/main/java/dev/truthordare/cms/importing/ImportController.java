package dev.truthordare.cms.importing;

import dev.truthordare.events.ContentStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.truthordare.web.problem.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class ImportController {

	private final ImportService imports;

	ImportController(ImportService imports) {
		this.imports = imports;
	}

	/**
	 * The original API's {@code truths.json} and {@code dares.json} as they are on disk:
	 * the envelope {@code {"truths": [...], "dares": [...]}}, or one bare array with
	 * {@code ?type=}. 200 with the report; 422 when anything is refused, a problem
	 * document carrying the same report. {@code dry_run=true} changes nothing and answers
	 * with what the import would do, with the same status.
	 */
	@PostMapping("/api/v1/cms/import")
	ResponseEntity<?> importCatalogue(@RequestBody JsonNode body,
			@Parameter(description = "for a bare array: the type of its items",
					schema = @Schema(allowableValues = { "truth", "dare" })) @RequestParam(
							required = false) String type,
			@Parameter(description = "status of created items",
					schema = @Schema(allowableValues = { "APPROVED", "PENDING" })) @RequestParam(
							defaultValue = "APPROVED") String status,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun, Principal admin,
			HttpServletRequest http) {
		ContentStatus target = switch (status) {
			case "APPROVED" -> ContentStatus.APPROVED;
			case "PENDING" -> ContentStatus.PENDING;
			default -> throw new ImportService.BadImport("status must be APPROVED or PENDING");
		};
		ImportReport report = imports.importAll(LegacyFile.read(body, type), target, dryRun, admin.getName());
		if (report.refused().isEmpty()) {
			return ResponseEntity.ok(report);
		}
		ProblemDetail problem = ProblemResponses.problem(http, HttpStatus.UNPROCESSABLE_CONTENT, report.refusedCount()
				+ " item(s) refused, so nothing " + (dryRun ? "would be" : "was") + " imported; see 'refused'.");
		problem.setProperty("dry_run", report.dryRun());
		problem.setProperty("created_count", 0);
		problem.setProperty("updated_count", 0);
		problem.setProperty("skipped_count", report.skippedCount());
		problem.setProperty("refused_count", report.refusedCount());
		problem.setProperty("created", report.created());
		problem.setProperty("updated", report.updated());
		problem.setProperty("skipped", report.skipped());
		problem.setProperty("refused", report.refused());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
	}

}
