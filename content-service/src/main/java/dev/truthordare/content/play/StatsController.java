package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ServableIndex;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts of approved items by type, category, difficulty and age rating; language
 * coverage when known.
 */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class StatsController {

	private final CatalogueCounts counts;

	private final ServableIndex index;

	StatsController(CatalogueCounts counts, ServableIndex index) {
		this.counts = counts;
		this.index = index;
	}

	@GetMapping("/stats")
	ResponseEntity<CatalogueCounts.Stats> stats(@PathVariable String version, HttpServletRequest request) {
		CatalogueCounts.Stats stats = counts.stats();
		return PlayResponses.ok(version, request, null)
			.cacheControl(PlayResponses.CATALOGUE_CACHE)
			.eTag(PlayResponses.etag("stats", version, index.fingerprint(), stats.languages()))
			.body(stats);
	}

}
