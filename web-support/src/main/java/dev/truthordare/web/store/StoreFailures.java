package dev.truthordare.web.store;

import java.util.Set;

/**
 * Whether a failure means "the store cannot be reached right now" (down, restarting,
 * failing over, too slow to answer) rather than "this request is wrong": the former is
 * worth a retry once the store is back, the latter never. Matched by class name along the
 * causes, so services without the MongoDB driver on their class path can ask too.
 */
public final class StoreFailures {

	/**
	 * What Spring Data makes of an unreachable store, and the driver's own exceptions for
	 * code that uses the client directly.
	 */
	private static final Set<String> UNAVAILABLE = Set.of("org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.TransientDataAccessResourceException", "com.mongodb.MongoTimeoutException",
			"com.mongodb.MongoSocketException", "com.mongodb.MongoNotPrimaryException",
			"com.mongodb.MongoNodeIsRecoveringException", "com.mongodb.MongoConnectionPoolClearedException");

	private StoreFailures() {
	}

	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (UNAVAILABLE.contains(type.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
