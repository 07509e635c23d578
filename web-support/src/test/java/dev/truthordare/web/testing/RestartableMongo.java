package dev.truthordare.web.testing;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.truthordare.infra.local.SerializedMongoBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The embedded store that a test can stop and start again on the same port with the same
 * data, as a MongoDB server that is restarted: {@link #stop()} closes every connection
 * and the port, {@link #start()} listens again. Lives as long as the test JVM (the Spring
 * context that uses it is cached).
 */
public final class RestartableMongo {

	private final MongoBackend backend;

	private final int port;

	private MongoServer server;

	public RestartableMongo() {
		this.backend = keptOnClose(SerializedMongoBackend.wrap(new MemoryBackend()));
		this.server = new MongoServer(this.backend);
		this.port = this.server.bind().getPort();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-test-mongo"));
	}

	public String uri(String database) {
		return "mongodb://localhost:" + port + "/" + database;
	}

	public synchronized void stop() {
		if (server != null) {
			server.shutdownNow();
			server = null;
		}
	}

	public synchronized void start() {
		if (server == null) {
			server = new MongoServer(backend);
			server.bind("localhost", port);
		}
	}

	/**
	 * A server that shuts down closes its backend, which drops the data: this one keeps
	 * it for the next server.
	 */
	private static MongoBackend keptOnClose(MongoBackend backend) {
		return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
				new Class<?>[] { MongoBackend.class }, (proxy, method, args) -> {
					if (method.getName().equals("close") && method.getParameterCount() == 0) {
						return null;
					}
					try {
						return method.invoke(backend, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
