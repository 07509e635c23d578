package dev.truthordare.content.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Makes the OpenAPI document ({@code /v3/api-docs}) describe what clients really send:
 * the real paths ({@code /api/v1/truths/random} rather than
 * {@code /api/{version}/{kind}/random}) and the filters as ordinary query parameters.
 * Snake_case schemas and the document's info come from web-support.
 */
@Configuration
class OpenApiDocument {

	/** A path variable constrained to a few literals, such as {@code {version:v1|v2}}. */
	private static final Pattern LITERAL_ALTERNATIVES = Pattern.compile("[A-Za-z0-9._~-]+(\\|[A-Za-z0-9._~-]+)*");

	/**
	 * The endpoints read their filters and paging from a {@code MultiValueMap} of every
	 * query parameter; documented as it comes, that is one required object parameter that
	 * no client sends. It is an optional free-form set of query parameters instead.
	 */
	@Bean
	ParameterCustomizer filtersAsQueryParameters() {
		return (parameter, methodParameter) -> {
			if (parameter == null || !methodParameter.hasParameterAnnotation(RequestParam.class)
					|| !MultiValueMap.class.isAssignableFrom(methodParameter.getParameterType())) {
				return parameter;
			}
			return new Parameter().name("filters")
				.in("query")
				.required(false)
				.style(Parameter.StyleEnum.FORM)
				.explode(true)
				.description("This endpoint's filters (and paging, for lists) as ordinary query parameters, "
						+ "e.g. category=funny&max_age_rating=13%2B&page=1&size=20 (rating=PG|PG13|R is an alias of "
						+ "max_age_rating=all|13+|18+); a filter given several "
						+ "times (or comma-separated) widens the pool. Unknown values are 400 problems listing the "
						+ "allowed ones.")
				.schema(new Schema<>().types(Set.of("object"))
					.additionalProperties(new Schema<>().types(Set.of("string"))));
		};
	}

	/**
	 * One path per value of a path variable that only takes a few literals
	 * ({@code /api/{version:v1|v2}/...}): springdoc drops the constraint and would list
	 * {@code /api/{version}/{kind}/random} with free-text parameters.
	 */
	@Bean
	OpenApiCustomizer concretePaths(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		return openApi -> {
			if (openApi.getPaths() != null) {
				openApi.setPaths(expand(openApi.getPaths(), literalVariables(mappings)));
			}
		};
	}

	/**
	 * Per documented path template, the variables that take only literals, with those
	 * literals.
	 */
	private static Map<String, Map<String, List<String>>> literalVariables(RequestMappingHandlerMapping mappings) {
		Map<String, Map<String, List<String>>> byTemplate = new HashMap<>();
		Set<String> conflicting = new HashSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				StringBuilder template = new StringBuilder();
				Map<String, List<String>> literals = new LinkedHashMap<>();
				int i = 0;
				while (i < pattern.length()) {
					char c = pattern.charAt(i);
					if (c != '{') {
						template.append(c);
						i++;
						continue;
					}
					int depth = 0;
					int end = i;
					for (; end < pattern.length(); end++) {
						depth += pattern.charAt(end) == '{' ? 1 : pattern.charAt(end) == '}' ? -1 : 0;
						if (depth == 0) {
							break;
						}
					}
					String variable = pattern.substring(i + 1, Math.min(end, pattern.length()));
					int colon = variable.indexOf(':');
					String name = colon < 0 ? variable : variable.substring(0, colon);
					if (colon >= 0 && LITERAL_ALTERNATIVES.matcher(variable.substring(colon + 1)).matches()) {
						literals.put(name, List.of(variable.substring(colon + 1).split("\\|")));
					}
					template.append('{').append(name).append('}');
					i = end + 1;
				}
				Map<String, List<String>> earlier = byTemplate.putIfAbsent(template.toString(), literals);
				if (earlier != null && !earlier.equals(literals)) {
					conflicting.add(template.toString());
				}
			}
		}
		conflicting.forEach(byTemplate::remove);
		return byTemplate;
	}

	private static Paths expand(Paths paths, Map<String, Map<String, List<String>>> literalVariables) {
		Paths expanded = new Paths();
		expanded.setExtensions(paths.getExtensions());
		paths.forEach((template, item) -> {
			Map<String, List<String>> literals = literalVariables.getOrDefault(template, Map.of());
			if (literals.isEmpty()) {
				expanded.addPathItem(template, item);
				return;
			}
			List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
			literals.forEach((name, values) -> {
				List<Map<String, String>> next = new ArrayList<>();
				for (Map<String, String> combination : combinations) {
					for (String value : values) {
						Map<String, String> longer = new LinkedHashMap<>(combination);
						longer.put(name, value);
						next.add(longer);
					}
				}
				combinations.clear();
				combinations.addAll(next);
			});
			for (Map<String, String> combination : combinations) {
				String path = template;
				StringBuilder suffix = new StringBuilder();
				for (var variable : combination.entrySet()) {
					path = path.replace("{" + variable.getKey() + "}", variable.getValue());
					String value = variable.getValue().replaceAll("[^A-Za-z0-9]", "");
					suffix.append(Character.toUpperCase(value.charAt(0))).append(value.substring(1));
				}
				expanded.addPathItem(path, copy(item, combination.keySet(), suffix.toString()));
			}
		});
		return expanded;
	}

	/**
	 * The path item without the now fixed path parameters; operation ids stay unique with
	 * a suffix per value.
	 */
	private static PathItem copy(PathItem item, Set<String> fixed, String operationIdSuffix) {
		PathItem copy = new PathItem().summary(item.getSummary())
			.description(item.getDescription())
			.servers(item.getServers())
			.parameters(withoutFixed(item.getParameters(), fixed));
		copy.setExtensions(item.getExtensions());
		item.readOperationsMap().forEach((method, operation) -> {
			Operation operationCopy = new Operation().tags(operation.getTags())
				.summary(operation.getSummary())
				.description(operation.getDescription())
				.externalDocs(operation.getExternalDocs())
				.operationId(operation.getOperationId() == null ? null : operation.getOperationId() + operationIdSuffix)
				.parameters(withoutFixed(operation.getParameters(), fixed))
				.requestBody(operation.getRequestBody())
				.responses(operation.getResponses())
				.callbacks(operation.getCallbacks())
				.deprecated(operation.getDeprecated())
				.security(operation.getSecurity())
				.servers(operation.getServers());
			operationCopy.setExtensions(operation.getExtensions());
			copy.operation(method, operationCopy);
		});
		return copy;
	}

	private static List<Parameter> withoutFixed(List<Parameter> parameters, Set<String> fixed) {
		if (parameters == null) {
			return null;
		}
		List<Parameter> kept = new ArrayList<>(parameters.stream()
			.filter(parameter -> !("path".equals(parameter.getIn()) && fixed.contains(parameter.getName())))
			.toList());
		return kept.isEmpty() ? null : kept;
	}

}
