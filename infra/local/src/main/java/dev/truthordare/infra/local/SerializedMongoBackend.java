package dev.truthordare.infra.local;

import de.bwaldvogel.mongo.MongoBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A mongo-java-server backend that runs one command at a time. The server answers every
 * connection on its own thread, and its {@code findAndModify} and conditional updates are
 * a query followed by a write, not one atomic step: two requests racing on one document's
 * {@code version} could both win (seen: a game session handing out one item twice). Run
 * one at a time, every compare-and-set the services rely on is atomic per document, as it
 * is on a real MongoDB. The embedded store is for one machine; its throughput is not the
 * limit there.
 */
public final class SerializedMongoBackend {

	private SerializedMongoBackend() {
	}

	public static MongoBackend wrap(MongoBackend backend) {
		Object lock = new Object();
		return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
				new Class<?>[] { MongoBackend.class }, (proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> "serialized " + backend;
						};
					}
					synchronized (lock) {
						try {
							return method.invoke(backend, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					}
				});
	}

}
