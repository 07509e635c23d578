package dev.truthordare.gateway.ratelimit;

import dev.truthordare.infra.local.RedisBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A real redis-server on a free port, without persistence, owned by one test class. The
 * binary is the one {@code ./run} uses ({@link RedisBinary}): the machine's when it has
 * one, else the one from Maven Central unpacked under {@code target/}, so the tests need
 * nothing installed.
 */
final class RedisProcess implements AutoCloseable {

	final int port;

	private final Process process;

	private RedisProcess(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	static RedisProcess start() throws IOException {
		Path binary = RedisBinary.find(Path.of("target", "redis"))
			.orElseThrow(() -> new IllegalStateException("no redis-server on the PATH and none bundled for "
					+ System.getProperty("os.name") + " " + System.getProperty("os.arch")));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		RedisProcess redis = new RedisProcess(port, process);
		Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(redis::answersPing);
		return redis;
	}

	boolean answersPing() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.readNBytes(answer, 0, 7);
			return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
	}

	/** Empties every bucket, so each test starts with full ones. */
	void flushAll() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.getOutputStream().write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			byte[] answer = new byte[5];
			int read = socket.getInputStream().readNBytes(answer, 0, 5);
			if (!new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+OK")) {
				throw new IllegalStateException("FLUSHALL failed");
			}
		}
	}

	@Override
	public void close() {
		process.destroy();
		try {
			process.waitFor();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
