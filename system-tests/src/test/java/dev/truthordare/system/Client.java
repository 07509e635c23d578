package dev.truthordare.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A game client / moderator talking to the gateway over plain HTTP. */
final class Client {

	record Answer(int status, java.net.http.HttpHeaders headers, String body) {
		JsonNode json() {
			return JSON.readTree(body);
		}

		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	Client(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	Answer get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
	}

	Answer post(String path, String jsonBody, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(jsonBody)), headers);
	}

	Answer put(String path, String jsonBody, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(jsonBody)), headers);
	}

	private Answer send(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A fresh W3C trace id, so a test can find the spans of exactly the request it sent.
	 */
	static String newTraceId() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	static String traceparent(String traceId) {
		byte[] parent = new byte[8];
		ThreadLocalRandom.current().nextBytes(parent);
		return "00-" + traceId + "-" + HexFormat.of().formatHex(parent) + "-01";
	}

}
