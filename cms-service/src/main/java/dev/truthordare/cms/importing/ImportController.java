package dev.truthordare.cms.importing;

import dev.truthordare.events.ContentStatus;
import dev.truthordare.web.problem.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ImportController {

    /** The original API's files: {@code truths.json} and {@code dares.json} merged in one body. */
    record ImportRequest(List<OriginalItem> truths, List<OriginalItem> dares) {
    }

    record OriginalItem(String id, String content, String category, String difficulty) {
    }

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    /** 200 with the report; 422 when anything is rejected: a problem document carrying the same report. */
    @PostMapping("/api/v1/cms/import")
    ResponseEntity<?> importCatalogue(@RequestBody ImportRequest request,
            @RequestParam(defaultValue = "APPROVED") String status, Principal admin, HttpServletRequest http) {
        ContentStatus target = switch (status) {
            case "APPROVED" -> ContentStatus.APPROVED;
            case "PENDING" -> ContentStatus.PENDING;
            default -> throw new ImportService.BadImport("status must be APPROVED or PENDING");
        };
        ImportService.Report report = imports.importAll(request.truths(), request.dares(), target, admin.getName());
        if (report.rejected().isEmpty()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemResponses.problem(http, HttpStatus.UNPROCESSABLE_CONTENT, report.rejectedCount()
                + " item(s) rejected, so nothing was imported; see 'rejected'.");
        problem.setProperty("imported_count", report.importedCount());
        problem.setProperty("skipped_count", report.skippedCount());
        problem.setProperty("rejected_count", report.rejectedCount());
        problem.setProperty("imported", report.imported());
        problem.setProperty("skipped", report.skipped());
        problem.setProperty("rejected", report.rejected());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }
}
