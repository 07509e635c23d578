package dev.truthordare.cms.content;

import dev.truthordare.cms.content.quality.TextNormalizer;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What moderators look through: the moderation queue and a search over all content. */
@RestController
@RequestMapping("/api/v1/cms")
class ContentQueryController {

	private static final int MAX_SIZE = 100;

	private static final String REPORTED = "REPORTED";

	private final MongoTemplate mongo;

	ContentQueryController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * PENDING oldest first; FLAGGED most reported first, with the report reasons
	 * summarised; REPORTED: items still in play that players reported (reports that were
	 * no evidence enough to hide them), most reported first.
	 */
	@GetMapping("/queue")
	Map<String, Object> queue(@RequestParam(defaultValue = "PENDING") String status,
			@RequestParam(required = false) String type, @RequestParam(defaultValue = "1") String page,
			@RequestParam(defaultValue = "20") String size) {
		boolean reported = REPORTED.equals(status);
		if (!reported && !status.equals("PENDING") && !status.equals("FLAGGED")) {
			throw invalid("status", "one of [PENDING, FLAGGED, " + REPORTED + "]");
		}
		ContentStatus wanted = reported ? ContentStatus.APPROVED : ContentStatus.valueOf(status);
		Criteria criteria = Criteria.where("status").is(wanted);
		if (reported) {
			criteria.and("reportCount").gt(0);
		}
		if (type != null) {
			criteria.and("type").is(parseEnum("type", type.toUpperCase(), List.of(ContentType.values())));
		}
		Sort order = wanted != ContentStatus.PENDING
				? Sort.by(Sort.Order.desc("reportCount"), Sort.Order.asc("updatedAt"))
				: Sort.by(Sort.Order.asc("createdAt"));
		return page(criteria, order, page, size,
				"/api/v1/cms/queue?status=" + (reported ? REPORTED : wanted) + (type == null ? "" : "&type=" + type));
	}

	@GetMapping("/content")
	Map<String, Object> search(@RequestParam(required = false) String status,
			@RequestParam(required = false) String type, @RequestParam(required = false) String category,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") String page,
			@RequestParam(defaultValue = "20") String size) {
		Criteria criteria = new Criteria();
		StringBuilder link = new StringBuilder("/api/v1/cms/content?");
		if (status != null) {
			criteria.and("status").is(parseEnum("status", status, List.of(ContentStatus.values())));
			link.append("status=").append(status).append('&');
		}
		if (type != null) {
			criteria.and("type").is(parseEnum("type", type.toUpperCase(), List.of(ContentType.values())));
			link.append("type=").append(type).append('&');
		}
		if (category != null) {
			if (!category.matches("[a-z]{1,30}")) {
				throw invalid("category", "lower-case letters only");
			}
			criteria.and("category").is(category);
			link.append("category=").append(category).append('&');
		}
		if (q != null && !q.isBlank()) {
			if (q.length() > 200) {
				throw invalid("q", "at most 200 characters");
			}
			String folded = TextNormalizer.forComparison(q);
			// quoted, so a search can never be a pattern (no ReDoS, no operator
			// injection)
			criteria.and("normalizedText").regex(Pattern.quote(folded));
			link.append("q=")
				.append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
				.append('&');
		}
		return page(criteria, Sort.by(Sort.Order.desc("updatedAt")), page, size, link.substring(0, link.length() - 1));
	}

	private Map<String, Object> page(Criteria criteria, Sort order, String pageParam, String sizeParam, String base) {
		int page = parseInt("page", pageParam, 1, 100_000); // 1-based, like the players'
															// lists
		int size = parseInt("size", sizeParam, 1, MAX_SIZE);
		Query query = Query.query(criteria);
		long total = mongo.count(query, ContentItem.class);
		List<ContentItem> items = mongo.find(query.with(order).skip((long) (page - 1) * size).limit(size),
				ContentItem.class);
		List<Map<String, Object>> views = new ArrayList<>();
		for (ContentItem item : items) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("item", ContentView.of(item));
			view.put("report_count", item.getReportCount());
			view.put("report_reasons", item.getReportReasons());
			views.add(view);
		}
		String joiner = base.contains("?") ? "&" : "?";
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items", views);
		answer.put("page", page);
		answer.put("size", size);
		answer.put("total", total);
		answer.put("next", (long) page * size < total ? base + joiner + "page=" + (page + 1) + "&size=" + size : null);
		answer.put("prev", page > 1 ? base + joiner + "page=" + (page - 1) + "&size=" + size : null);
		return answer;
	}

	private static <E extends Enum<E>> E parseEnum(String name, String value, List<E> allowed) {
		return allowed.stream()
			.filter(candidate -> candidate.name().equals(value))
			.findFirst()
			.orElseThrow(() -> invalid(name, "one of " + allowed));
	}

	private static int parseInt(String name, String value, int min, int max) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ignored) {
			// reported below
		}
		throw invalid(name, "an integer from " + min + " to " + max);
	}

	private static ContentExceptions.Invalid invalid(String field, String message) {
		return new ContentExceptions.Invalid(List.of(Map.of("field", field, "message", "must be " + message)));
	}

}
