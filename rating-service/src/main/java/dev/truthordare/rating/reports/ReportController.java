package dev.truthordare.rating.reports;

import dev.truthordare.rating.items.KnownItems;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.web.request.ClientAddresses;
import dev.truthordare.web.request.ClientIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReportController {

	record ReportRequest(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be an item id") String contentId,
			@NotNull String reasonCode, @Size(max = 500) String comment) {
	}

	private final ReportService reports;

	private final KnownItems items;

	ReportController(ReportService reports, KnownItems items) {
		this.reports = reports;
		this.items = items;
	}

	/**
	 * 201 for a new report, 200 when this client had already reported the item (counted
	 * once).
	 */
	@PostMapping("/api/v1/reports")
	ResponseEntity<Map<String, Object>> report(@Valid @RequestBody ReportRequest request,
			@RequestHeader(name = ClientIds.HEADER, required = false) String clientId, HttpServletRequest http) {
		String client = ClientIds.require(clientId);
		if (!ReportService.REASON_CODES.contains(request.reasonCode())) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "Unknown reason_code '" + request.reasonCode() + "'.",
					Map.of("field", "reason_code", "allowed_values", ReportService.REASON_CODES));
		}
		items.requireApproved(request.contentId());
		ReportService.Report report = reports.report(request.contentId(), client, ClientAddresses.of(http),
				request.reasonCode(), request.comment());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("content_id", report.contentId());
		body.put("reason_code", report.reasonCode());
		if (report.comment() != null) {
			body.put("comment", report.comment());
		}
		body.put("already_reported", !report.created());
		return ResponseEntity.status(report.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
	}

}
