package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.events.ContentType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One truth or dare: a random one matching the players' filters, or one by id. */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class ItemController {

	static class NoMatch extends ApiProblem {

		NoMatch(ContentType type, Map<String, Object> filters, List<String> emptiedBy) {
			super(HttpStatus.NOT_FOUND,
					"No approved " + type.wireName() + " matches " + describe(filters, emptiedBy) + "; remove or widen "
							+ (emptiedBy.size() == 1 ? "that filter." : "one of these filters."),
					Map.of("filters", filters, "emptied_by", emptiedBy));
		}

		private static String describe(Map<String, Object> filters, List<String> emptiedBy) {
			List<String> parts = new ArrayList<>();
			emptiedBy.forEach(name -> parts.add(name + "=" + filters.get(name)));
			return String.join(" together with ", parts);
		}

	}

	static class UnknownItem extends ApiProblem {

		UnknownItem(ContentType type, String id) {
			super(HttpStatus.NOT_FOUND, "No " + type.wireName() + " with id '" + id + "' is available.", Map.of());
		}

	}

	private final ServableIndex index;

	private final ItemRenderer renderer;

	ItemController(ServableIndex index, ItemRenderer renderer) {
		this.index = index;
		this.renderer = renderer;
	}

	@GetMapping("/{kind:truths|dares}/random")
	ResponseEntity<ItemView> random(@PathVariable String version, @PathVariable String kind,
			@RequestParam MultiValueMap<String, String> query,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		ContentType type = PlayResponses.typeOf(kind);
		PlayFilters filters = PlayFilters.parse(type, version, query);
		ProjectedItem item = index.pickRandom(filters.query())
			.orElseThrow(() -> new NoMatch(type, filters.applied(), filters.emptiedBy(index)));
		ItemRenderer.Rendered rendered = renderer.render(version, item, query.getFirst("lang"), acceptLanguage);
		return PlayResponses.ok(version, request, rendered.language())
			.cacheControl(CacheControl.noStore())
			.body(rendered.body());
	}

	@GetMapping("/{kind:truths|dares}/{id:(?!random$)[A-Za-z0-9_-]{1,64}}")
	ResponseEntity<ItemView> byId(@PathVariable String version, @PathVariable String kind, @PathVariable String id,
			@RequestParam(required = false) String lang,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		ContentType type = PlayResponses.typeOf(kind);
		ProjectedItem item = index.find(type, id).orElseThrow(() -> new UnknownItem(type, id));
		ItemRenderer.Rendered rendered = renderer.render(version, item, lang, acceptLanguage);
		// with an ETag set, Spring answers a matching If-None-Match with 304 and no body
		return PlayResponses.ok(version, request, rendered.language())
			.cacheControl(PlayResponses.ITEM_CACHE)
			.eTag(rendered.etag())
			.body(rendered.body());
	}

}
