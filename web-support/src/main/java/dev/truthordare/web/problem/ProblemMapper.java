package dev.truthordare.web.problem;

import java.util.function.Function;

/**
 * Turns an exception a service cannot make an {@link ApiProblem} itself (one thrown by a
 * library, such as Spring Data's optimistic locking failure) into one. Declared as a
 * bean; {@link ProblemHandler} asks every mapper before it answers 500.
 */
@FunctionalInterface
public interface ProblemMapper {

	/** The problem for {@code exception}, or null when this mapper does not know it. */
	ApiProblem map(Throwable exception);

	static <E extends Throwable> ProblemMapper of(Class<E> type, Function<? super E, ApiProblem> mapping) {
		return exception -> type.isInstance(exception) ? mapping.apply(type.cast(exception)) : null;
	}

}
