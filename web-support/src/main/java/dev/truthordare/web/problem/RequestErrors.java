package dev.truthordare.web.problem;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The wording of problems about what a client sent: names as the client wrote them
 * (snake_case), never Java's.
 */
final class RequestErrors {

	private RequestErrors() {
	}

	static String unreadable(HttpMessageNotReadableException e) {
		Throwable cause = e.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "'; allowed fields: "
					+ unknown.getKnownPropertyIds()
						.stream()
						.map(String::valueOf)
						.sorted()
						.collect(Collectors.joining(", "))
					+ ".";
		}
		if (cause instanceof StreamReadException) {
			return "The request body is not well-formed JSON.";
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = jackson.getPath()
				.stream()
				.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			return "Field '" + field + "' has the wrong type or format.";
		}
		return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
				? "A JSON request body is required."
				: "The request body could not be read as the expected JSON object.";
	}

	/**
	 * One entry of a problem's {@code errors}: a field or parameter as the client named
	 * it, and what is wrong.
	 */
	record InvalidField(String field, String message) {
	}

	private static final Comparator<InvalidField> IN_ORDER = Comparator.comparing(InvalidField::field)
		.thenComparing(InvalidField::message);

	static List<InvalidField> fieldErrors(MethodArgumentNotValidException e) {
		return e.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> error(snakeCase(error.getField()), error))
			.sorted(IN_ORDER)
			.toList();
	}

	static List<InvalidField> parameterErrors(HandlerMethodValidationException e) {
		return e.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> error(parameterName(result.getMethodParameter()), error)))
			.sorted(IN_ORDER)
			.toList();
	}

	/**
	 * A 400 listing each invalid field or parameter with its constraint, in a detail and
	 * as {@code errors}.
	 */
	static ProblemDetail invalid(List<InvalidField> errors) {
		String detail = errors.stream()
			.map(error -> error.field() + " " + error.message())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				detail.isEmpty() ? "The request is invalid." : "Invalid request: " + detail + ".");
		problem.setProperty("errors", errors);
		return problem;
	}

	static ProblemDetail typeMismatch(TypeMismatchException e) {
		String name = e instanceof MethodArgumentTypeMismatchException argument ? parameterName(argument.getParameter())
				: String.valueOf(e.getPropertyName());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Parameter '" + name + "' must be " + expected(e.getRequiredType()) + "; got '" + e.getValue() + "'.");
		problem.setProperty("parameter", name);
		return problem;
	}

	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private static InvalidField error(String field, MessageSourceResolvable error) {
		return new InvalidField(field, String.valueOf(error.getDefaultMessage()));
	}

	/**
	 * The name the client used: the annotation's, else the Java parameter's in
	 * snake_case.
	 */
	private static String parameterName(org.springframework.core.MethodParameter parameter) {
		String declared = "";
		if (parameter.getParameterAnnotation(RequestParam.class) instanceof RequestParam param) {
			declared = param.name().isEmpty() ? param.value() : param.name();
		}
		else if (parameter.getParameterAnnotation(PathVariable.class) instanceof PathVariable variable) {
			declared = variable.name().isEmpty() ? variable.value() : variable.name();
		}
		else if (parameter.getParameterAnnotation(RequestHeader.class) instanceof RequestHeader header) {
			declared = header.name().isEmpty() ? header.value() : header.name();
		}
		if (!declared.isEmpty()) {
			return declared;
		}
		String javaName = parameter.getParameterName();
		return javaName == null ? "argument " + parameter.getParameterIndex() : snakeCase(javaName);
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		Class<?> boxed = type.isPrimitive() ? org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type)
				: type;
		if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "a number";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (boxed.isEnum()) {
			return "one of "
					+ Arrays.stream(boxed.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
		}
		if (boxed == UUID.class) {
			return "a UUID";
		}
		if (Temporal.class.isAssignableFrom(boxed)) {
			return "an ISO-8601 date or time";
		}
		return "of type " + boxed.getSimpleName();
	}

}
