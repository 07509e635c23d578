package dev.truthordare.infra.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mongo-java-server backend that runs one command at a time per database. The server
 * answers every connection on its own thread, and its {@code findAndModify} and
 * conditional updates are a query followed by a write, not one atomic step: two requests
 * racing on one document's {@code version} could both win (seen: a game session handing
 * out one item twice). Run one at a time, every compare-and-set the services rely on is
 * atomic per document, as it is on a real MongoDB. Each service owns its database, so one
 * lock per database keeps that guarantee without making one service's commands wait for
 * another's (with one lock for the whole server, a rating's five commands queued behind
 * every other service's under load). Calls that name no database (closing a connection's
 * cursors, the server's status) take a lock of their own, as the server ran them before.
 */
public final class SerializedMongoBackend {

	private SerializedMongoBackend() {
	}

	public static MongoBackend wrap(MongoBackend backend) {
		Map<String, Object> locks = new ConcurrentHashMap<>();
		return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
				new Class<?>[] { MongoBackend.class }, (proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> "serialized " + backend;
						};
					}
					synchronized (locks.computeIfAbsent(databaseOf(args), name -> new Object())) {
						try {
							return method.invoke(backend, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					}
				});
	}

	private static String databaseOf(Object[] args) {
		if (args != null) {
			for (Object arg : args) {
				if (arg instanceof ClientRequest request) {
					return request.getDatabaseName();
				}
			}
			// handleCommand(channel, database, command, query), dropDatabase and
			// resolveDatabase(database)
			for (Object arg : args) {
				if (arg instanceof String database) {
					return database;
				}
			}
		}
		return "";
	}

}
