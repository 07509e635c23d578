package dev.truthordare.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real redis-server (Debian's package; {@code .ci/run} and {@code ./run} install it) on a free port, without
 * persistence, owned by one test class.
 */
final class RedisProcess implements AutoCloseable {

    final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static RedisProcess start() throws IOException {
        Path binary = Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
                .map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server not found: install it with 'apt-get install -y redis-server' (.ci/run does)"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
