package dev.truthordare.cms.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.truthordare.events.ContentStatus;
import java.util.List;
import java.util.Map;

/**
 * What an import did, or with {@code dry_run} would do: every item of the file lands in
 * exactly one list, named by its array index, type and id in the file
 * ({@code legacy_id}). When anything is refused nothing is created or updated, so those
 * two lists are empty.
 */
record ImportReport(boolean dryRun, int createdCount, int updatedCount, int skippedCount, int refusedCount,
		List<Outcome> created, List<Outcome> updated, List<Outcome> skipped, List<Outcome> refused) {

	/**
	 * @param number the integer id the original API's paths serve the item under
	 * ({@code null} in a dry run for an item whose string id gets the next free number)
	 * @param changed for an update, the fields the file changes
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Outcome(int index, String type, Object legacyId, String id, Integer number, ContentStatus status,
			List<String> changed, String reason, String duplicateOf, List<Map<String, String>> problems) {
	}

	static ImportReport of(boolean dryRun, List<Outcome> created, List<Outcome> updated, List<Outcome> skipped,
			List<Outcome> refused) {
		return new ImportReport(dryRun, created.size(), updated.size(), skipped.size(), refused.size(), created,
				updated, skipped, refused);
	}
}
