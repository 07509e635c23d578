package dev.truthordare.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for every service behind the gateway: answers 200 JSON naming the path and
 * body length it received, the {@code X-Client-Address} the gateway told it and any
 * {@code Expect} header passed on.
 */
public final class UpstreamStub implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger calls = new AtomicInteger();

	public UpstreamStub() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			calls.incrementAndGet();
			int length;
			try (InputStream body = exchange.getRequestBody()) {
				length = body.readAllBytes().length;
			}
			byte[] answer = ("{\"ok\":true,\"path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"body_length\":"
					+ length + ",\"client_address\":\"" + exchange.getRequestHeaders().getFirst("X-Client-Address")
					+ "\",\"expect\":\"" + exchange.getRequestHeaders().getFirst("Expect") + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	/** Requests received so far. */
	public int calls() {
		return calls.get();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
