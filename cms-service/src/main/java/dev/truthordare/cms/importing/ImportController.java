package dev.truthordare.cms.importing;

import dev.truthordare.events.ContentStatus;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    @PostMapping("/api/v1/cms/import")
    ResponseEntity<ImportService.Report> importCatalogue(@RequestBody ImportRequest request,
            @RequestParam(defaultValue = "APPROVED") String status, Principal admin) {
        ContentStatus target = switch (status) {
            case "APPROVED" -> ContentStatus.APPROVED;
            case "PENDING" -> ContentStatus.PENDING;
            default -> throw new ImportService.BadImport("status must be APPROVED or PENDING");
        };
        ImportService.Report report = imports.importAll(request.truths(), request.dares(), target, admin.getName());
        return ResponseEntity.status(report.rejected().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
                .body(report);
    }
}
