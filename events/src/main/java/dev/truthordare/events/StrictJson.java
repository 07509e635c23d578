package dev.truthordare.events;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The platform's rule for JSON it is sent, by players and staff alike: unknown fields,
 * duplicate keys, trailing garbage, {@code "5"} for a number, {@code 3.7} for an integer,
 * {@code "false"} for a boolean or {@code 123} for a text are refused, never silently
 * coerced. Part of the API contract like the snake_case shape, so it lives here once and
 * every service applies it to the mapper that reads its request bodies.
 */
public final class StrictJson {

	private StrictJson() {
	}

	public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
		return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			// ALLOW_COERCION_OF_SCALARS leaves text alone: without this, 123 or true
			// would be stored as "123"
			.withCoercionConfig(LogicalType.Textual,
					text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
