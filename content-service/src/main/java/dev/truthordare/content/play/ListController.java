package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.catalog.ServableIndex;
import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.Languages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /truths?category=&page=&size=}: approved items in id order, one page at a
 * time (pages from 1).
 */
@RestController
@RequestMapping("/api/{version:v1|v2}")
class ListController {

	static final int MAX_PAGE_SIZE = 100;

	private static final int DEFAULT_PAGE_SIZE = 20;

	/**
	 * One page; {@code filters} echoes the filters applied, as the random endpoints' 404s
	 * name them.
	 */
	record ItemPage(List<ItemView> items, int page, int size, int total, int totalPages, Map<String, Object> filters,
			PageLinks links) {
	}

	/**
	 * Links to this page and its neighbours; {@code prev} and {@code next} are left out
	 * at either end.
	 */
	record PageLinks(String self, String first, String prev, String next, String last) {
	}

	private final ServableIndex index;

	private final ItemRenderer renderer;

	ListController(ServableIndex index, ItemRenderer renderer) {
		this.index = index;
		this.renderer = renderer;
	}

	@GetMapping("/{kind:truths|dares}")
	ResponseEntity<ItemPage> list(@PathVariable String version, @PathVariable String kind,
			@RequestParam MultiValueMap<String, String> query,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			HttpServletRequest request) {
		ContentType type = PlayResponses.typeOf(kind);
		int page = pageParameter(query, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, 1);
		int size = pageParameter(query, "size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
		PlayFilters filters = PlayFilters.parse(type, version, query);
		ServableIndex.Page found = index.page(filters.query(), (page - 1) * size, size);
		String lang = query.getFirst("lang");
		List<ItemView> items = new ArrayList<>(found.items().size());
		List<String> etags = new ArrayList<>();
		for (ProjectedItem item : found.items()) {
			ItemRenderer.Rendered rendered = renderer.render(version, item, lang, acceptLanguage);
			items.add(rendered.body());
			etags.add(rendered.etag());
		}
		int totalPages = Math.max(1, (found.total() + size - 1) / size);
		PageLinks links = new PageLinks(pageLink(request, query, page, size), pageLink(request, query, 1, size),
				page > 1 ? pageLink(request, query, Math.min(page - 1, totalPages), size) : null,
				page < totalPages ? pageLink(request, query, page + 1, size) : null,
				pageLink(request, query, totalPages, size));
		ResponseEntity.BodyBuilder response = PlayResponses.ok(version, request,
				Languages.negotiate(lang, acceptLanguage));
		link(response, "first", links.first());
		link(response, "prev", links.prev());
		link(response, "next", links.next());
		link(response, "last", links.last());
		return response.cacheControl(PlayResponses.CATALOGUE_CACHE)
			.eTag(PlayResponses.etag("list", version, request.getQueryString(), index.fingerprint(), etags))
			.body(new ItemPage(items, page, size, found.total(), totalPages, filters.applied(), links));
	}

	private static void link(ResponseEntity.BodyBuilder response, String rel, String href) {
		if (href != null) {
			response.header(HttpHeaders.LINK, "<" + href + ">; rel=\"" + rel + "\"");
		}
	}

	private static String pageLink(HttpServletRequest request, MultiValueMap<String, String> query, int page,
			int size) {
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.queryParams(query)
			.replaceQueryParam("page", page)
			.replaceQueryParam("size", size)
			.encode()
			.build()
			.toUriString();
	}

	private static int pageParameter(MultiValueMap<String, String> query, String name, int min, int max,
			int defaultValue) {
		List<String> values = query.getOrDefault(name, List.of());
		if (values.isEmpty()) {
			return defaultValue;
		}
		String value = values.size() == 1 ? values.getFirst().strip() : String.join(",", values);
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		String allowed = name.equals("size") ? "an integer from " + min + " to " + max
				: "an integer of at least " + min;
		throw new ApiProblem(
				HttpStatus.BAD_REQUEST, "'" + PlayResponses.abbreviate(value, 40) + "' is not a valid " + name + "; "
						+ name + " must be " + allowed + ".",
				Map.of("parameter", name, "allowed_values", List.of(allowed)));
	}

}
