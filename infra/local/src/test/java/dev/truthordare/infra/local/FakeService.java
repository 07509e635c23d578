package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stand-in for a service jar in SystemLauncherIT: reads the launcher's environment like
 * the real services, serves health, and registers with the fake discovery (which serves a
 * minimal Eureka /eureka/apps). FAKE_EXIT=n exits at once with status n;
 * FAKE_NO_REGISTER=true never registers.
 */
public final class FakeService {

	private record Registration(String app, int port, long timestamp) {
	}

	/** By app and port: a module may run as several instances. */
	private static final Map<String, Registration> REGISTRY = new ConcurrentHashMap<>();

	/**
	 * What the fake discovery accepts, like the real one: its EUREKA_USERNAME and
	 * EUREKA_PASSWORD.
	 */
	private static String expectedAuthorization;

	private static String basic(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> env = System.getenv();
		if (env.containsKey("FAKE_EXIT")) {
			System.out.println("failing on purpose");
			System.exit(Integer.parseInt(env.get("FAKE_EXIT")));
		}
		String module = env.get("OTEL_SERVICE_NAME");
		int port = Integer.parseInt(env.get("SERVER_PORT"));
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
		server.createContext("/actuator/health", ex -> reply(ex, 200, "{\"status\":\"UP\",\"groups\":[\"liveness\"]}"));
		server.createContext("/env",
				ex -> reply(ex, 200,
						env.entrySet()
							.stream()
							.filter(e -> !e.getKey().startsWith("FAKE"))
							.map(e -> e.getKey() + "=" + e.getValue())
							.sorted()
							.collect(Collectors.joining("\n"))));
		if (module.equals("discovery")) {
			expectedAuthorization = basic(env.get("EUREKA_USERNAME") + ":" + env.get("EUREKA_PASSWORD"));
			server.createContext("/eureka/apps", FakeService::eureka);
		}
		if (module.equals("gateway-service")) {
			server.createContext("/api/v1/stats", ex -> reply(ex, 200, "{\"truths\":55,\"dares\":55}"));
		}
		server.start();
		System.out.println(module + " listening on " + port);
		if (module.equals("cms-service")) {
			System.out.println("Using generated password for user admin: s3cret");
		}
		if (!module.equals("discovery") && !Boolean.parseBoolean(env.get("FAKE_NO_REGISTER"))) {
			String app = module.toUpperCase();
			HttpClient http = HttpClient.newHttpClient();
			// the credentials travel in the URL's user info, sent as HTTP basic like
			// Eureka's client does
			URI eureka = URI.create(env.get("EUREKA_URI"));
			String authorization = basic(eureka.getUserInfo());
			String base = env.get("EUREKA_URI").replace(eureka.getRawUserInfo() + "@", "") + "apps/" + app + "/" + port;
			Thread.sleep(300);
			http.send(HttpRequest.newBuilder(URI.create(base))
				.header("Authorization", authorization)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					http.send(HttpRequest.newBuilder(URI.create(base))
						.header("Authorization", authorization)
						.DELETE()
						.build(), HttpResponse.BodyHandlers.discarding());
				}
				catch (Exception ignored) {
					// discovery may be gone already
				}
			}));
		}
		Thread.currentThread().join();
	}

	private static void eureka(HttpExchange ex) throws IOException {
		String[] path = ex.getRequestURI().getPath().substring("/eureka/apps".length()).split("/");
		String key = path.length > 2 ? path[1] + "/" + path[2] : "";
		if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
			reply(ex, 401, "");
			return;
		}
		switch (ex.getRequestMethod()) {
			case "POST" -> {
				REGISTRY.put(key, new Registration(path[1], Integer.parseInt(path[2]), System.currentTimeMillis()));
				reply(ex, 204, "");
			}
			case "DELETE" -> {
				REGISTRY.remove(key);
				reply(ex, 200, "");
			}
			default -> {
				if (!"application/json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
					reply(ex, 406, "");
					return;
				}
				// the shape of Eureka's JSON; a single instance written as an object,
				// like old codecs do
				String apps = REGISTRY.values()
					.stream()
					.map(r -> "{\"name\":\"" + r.app() + "\",\"instance\":" + "{\"app\":\"" + r.app()
							+ "\",\"status\":\"UP\",\"port\":{\"$\":" + r.port()
							+ ",\"@enabled\":\"true\"},\"leaseInfo\":{\"registrationTimestamp\":" + r.timestamp()
							+ "}}}")
					.collect(Collectors.joining(","));
				reply(ex, 200, "{\"applications\":{\"versions__delta\":\"1\",\"application\":[" + apps + "]}}");
			}
		}
	}

	private static void reply(HttpExchange ex, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", "application/json");
		ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = ex.getResponseBody()) {
				out.write(bytes);
			}
		}
		ex.close();
	}

}
