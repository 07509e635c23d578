package dev.truthordare.content;

import com.sun.net.httpserver.HttpServer;
import dev.truthordare.events.Languages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for translation-service: approved translations are whatever the test puts in
 * {@link #approved}.
 */
final class FakeTranslationService implements AutoCloseable {

	/** contentId → (lang → approved text). */
	final Map<String, Map<String, String>> approved = new ConcurrentHashMap<>();

	/** How many requests it has answered, of any kind. */
	final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

	private final HttpServer server;

	FakeTranslationService() {
		try {
			server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/api/v1/translations/", exchange -> {
			String id = exchange.getRequestURI().getPath().substring("/api/v1/translations/".length());
			Map<String, String> texts = approved.getOrDefault(id, Map.of());
			StringBuilder json = new StringBuilder("{\"content_id\":\"" + id + "\",\"translations\":[");
			String separator = "";
			for (String lang : Languages.SUPPORTED.stream()
				.map(Languages.Language::code)
				.filter(code -> !code.equals(Languages.SOURCE))
				.toList()) {
				String text = texts.get(lang);
				json.append(separator)
					.append("{\"lang\":\"")
					.append(lang)
					.append("\",\"status\":\"")
					.append(text == null ? "MISSING" : "APPROVED")
					.append("\",\"text\":")
					.append(text == null ? "null" : "\"" + text + "\"")
					.append('}');
				separator = ",";
			}
			send(exchange, json.append("]}").toString());
		});
		server.createContext("/api/v1/languages", exchange -> send(exchange,
				"""
						{"languages":[{"code":"en","name":"English","native_name":"English","coverage":1.0,"translated":4,"total":4},
						 {"code":"id","name":"Indonesian","native_name":"Bahasa Indonesia","coverage":0.25,"translated":1,"total":4}]}
						"""));
		server.start();
	}

	private void send(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
		requests.incrementAndGet();
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	String url() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
