package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image Jib wrote as a tar ({@code -Pimages -Djib.goal=buildTar}, e.g. with
 * {@code -Dimage.base=scratch} where no registry is reachable) is started from its
 * unpacked layers: its own entrypoint, with this JVM's {@code java} in place of the
 * base's and the layers' folder in place of {@code /}, as the image's non-root user where
 * the test runs as root. Skipped when no image tar was built (the default build never
 * builds one).
 */
class ImageLayersTest {

	private static final String MODULE = "discovery";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void discoverysImageStartsFromItsLayersWithTheAgentAsItsUser(@TempDir Path root) throws Exception {
		Path tar = ProjectFiles.root().resolve(MODULE).resolve("target/jib-image.tar");
		assumeTrue(Files.isRegularFile(tar), "no " + tar
				+ ": build it with ./mvnw -Pimages -pl discovery package -DskipTests -Djib.goal=buildTar -Dimage.base=scratch");
		Path image = Files.createDirectories(root.resolve("image"));
		Path layers = Files.createDirectories(root.resolve("rootfs"));
		run(List.of("tar", "-xf", tar.toString(), "-C", image.toString()));
		JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
		for (JsonNode layer : manifest.get("Layers")) {
			run(List.of("tar", "-xzf", image.resolve(layer.asText()).toString(), "-C", layers.toString()));
		}
		JsonNode config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
		assertThat(config.get("User").asText()).isEqualTo("10001:10001");
		assertThat(config.get("Labels").get("org.opencontainers.image.version").asText())
			.isEqualTo(ProjectFiles.version());
		assertThat(layers.resolve("opt/otel/opentelemetry-javaagent.jar")).isRegularFile();

		List<String> command = new ArrayList<>();
		if (isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
			String[] user = config.get("User").asText().split(":");
			command.addAll(List.of("/usr/bin/setpriv", "--reuid", user[0], "--regid", user[1], "--clear-groups"));
		}
		for (JsonNode part : config.get("Entrypoint")) {
			String arg = part.asText();
			if (arg.equals("java")) {
				command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			}
			else if (arg.startsWith("@/app/")) {
				Path classpath = layers.resolve(arg.substring(2));
				Files.writeString(classpath, Files.readString(classpath).replace("/app/", layers + "/app/"));
				command.add("@" + classpath);
			}
			else {
				command.add(arg);
			}
		}
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(root.resolve("discovery.log").toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("EUREKA_PASSWORD", "not-a-secret");
		// as compose and Kubernetes switch the agent on, with nowhere to export to
		builder.environment()
			.put("JAVA_TOOL_OPTIONS", "-javaagent:" + layers.resolve("opt/otel/opentelemetry-javaagent.jar"));
		builder.environment().put("OTEL_TRACES_EXPORTER", "none");
		builder.environment().put("OTEL_METRICS_EXPORTER", "none");
		builder.environment().put("OTEL_LOGS_EXPORTER", "none");
		Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		Process process = builder.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				assertThat(process.isAlive()).as(Files.readString(root.resolve("discovery.log"))).isTrue();
				return http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString())
					.body()
					.contains("\"UP\"");
			});
			String log = Files.readString(root.resolve("discovery.log"));
			assertThat(log).contains("opentelemetry-javaagent - version:");
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

}
