package dev.truthordare.infra.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./run status}: every process of the running system (from the launcher's
 * {@code processes.tsv}) with its health asked right now, one line each.
 */
public final class StatusMain {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private StatusMain() {
	}

	public static void main(String[] args) throws IOException {
		Path home = SystemLauncher.builder().fromEnvironment(System.getenv()).resolvedHome();
		Path file = home.resolve("processes.tsv");
		if (!Files.exists(file)) {
			System.out.println("Nothing is running (no " + file + ").");
			System.exit(3);
		}
		System.out.print(render(StatusFile.read(file), health(StatusFile.read(file)), Instant.now()));
	}

	/** Each running instance's health, asked in parallel with a short timeout. */
	static Map<InstanceId, String> health(List<StatusFile.Row> rows) {
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			Map<InstanceId, CompletableFuture<String>> asked = new java.util.LinkedHashMap<>();
			for (StatusFile.Row row : rows) {
				if (row.pid() < 0) {
					asked.put(row.instance(), CompletableFuture.completedFuture("-"));
					continue;
				}
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + row.port() + "/actuator/health"))
					.timeout(Duration.ofSeconds(3))
					.header("Accept", "application/json")
					.build();
				asked.put(row.instance(),
						http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
							.thenApply(r -> EurekaApps.isHealthUp(r.body()) ? "UP" : "DOWN (" + r.statusCode() + ")")
							.exceptionally(e -> "no answer"));
			}
			Map<InstanceId, String> health = new java.util.LinkedHashMap<>();
			asked.forEach((instance, answer) -> health.put(instance, answer.join()));
			return health;
		}
	}

	static String render(List<StatusFile.Row> rows, Map<InstanceId, String> health, Instant now) {
		StringBuilder out = new StringBuilder(String.format("%-22s %-8s %-6s %-20s %-9s %-12s %-12s %s%n", "INSTANCE",
				"PID", "PORT", "UP SINCE", "RESTARTS", "STATE", "HEALTH", "LOG"));
		for (StatusFile.Row row : rows) {
			String since = row.pid() < 0 || row.startedAtMillis() == 0 ? "-"
					: TIME.format(Instant.ofEpochMilli(row.startedAtMillis())) + " ("
							+ Duration.between(Instant.ofEpochMilli(row.startedAtMillis()), now).toSeconds() + " s)";
			out.append(String.format("%-22s %-8s %-6d %-20s %-9d %-12s %-12s %s%n", row.instance().name(),
					row.pid() < 0 ? "-" : Long.toString(row.pid()), row.port(), since, row.restarts(), row.state(),
					health.getOrDefault(row.instance(), "-"), row.log()));
		}
		return out.toString();
	}

}
