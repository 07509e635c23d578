package dev.truthordare.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A service behind the gateway whose answer per path the test decides; counts the calls
 * of each path.
 */
final class ScriptedUpstream implements AutoCloseable {

	/** An answer: status, extra headers (name, value, ...) and a JSON body. */
	record Answer(int status, String body, String... headers) {
	}

	private final HttpServer server;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	ScriptedUpstream(Function<String, Answer> answers) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> answer(exchange, answers));
		server.start();
	}

	private void answer(HttpExchange exchange, Function<String, Answer> answers) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		Answer answer = answers.apply(path);
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		for (int i = 0; i + 1 < answer.headers().length; i += 2) {
			exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
		}
		exchange.sendResponseHeaders(answer.status(), body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	int calls(String path) {
		return calls.getOrDefault(path, new AtomicInteger()).get();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
