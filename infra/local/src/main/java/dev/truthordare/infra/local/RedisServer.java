package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis the gateway keeps its rate-limit buckets in: one already answering on the
 * port is used as it is; otherwise a {@code redis-server} ({@link RedisBinary}: the
 * machine's, else the one from Maven Central) is started as a child process (no
 * persistence: buckets are worth nothing after a restart) and stopped with the system. On
 * a platform with neither the system still starts; the gateway then serves without rate
 * limits (fail open) and says so.
 */
public final class RedisServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisServer.class);

	private final int port;

	private final Process process;

	private RedisServer(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * A Redis on {@code port}: the one already there, else a new child process logging to
	 * {@code logFile}; the bundled binary, when needed, is copied to {@code binaryDir}.
	 */
	public static RedisServer startOrReuse(int port, Path logFile, Path binaryDir) throws IOException {
		if (answersPing(port)) {
			log.info("using the Redis already running on port {}", port);
			return new RedisServer(port, null);
		}
		Optional<Path> binary = RedisBinary.find(binaryDir);
		if (binary.isEmpty()) {
			log.warn("no redis-server for {} {} (install one on the PATH); the gateway will serve without rate limits",
					System.getProperty("os.name"), System.getProperty("os.arch"));
			return new RedisServer(port, null);
		}
		Ports.requireAvailable(port, "Redis");
		Files.createDirectories(logFile.getParent());
		Process process = new ProcessBuilder(binary.get().toString(), "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		RedisServer redis = new RedisServer(port, process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!answersPing(port)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				redis.close();
				throw new IllegalStateException("redis-server did not start on port " + port + "; see " + logFile);
			}
			try {
				Thread.sleep(50); // polling a child process we just started; nothing to
									// await on
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				redis.close();
				throw new IllegalStateException("interrupted while starting Redis", e);
			}
		}
		log.info("Redis up on port {} (pid {}, {}), log {}", port, process.pid(), binary.get(), logFile);
		return redis;
	}

	public int port() {
		return port;
	}

	/** Whether this launcher started (and will stop) the process. */
	public boolean owned() {
		return process != null;
	}

	static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(5);
			return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException e) {
			return false;
		}
	}

	/** Stops the process if this launcher started it. */
	@Override
	public void close() {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
