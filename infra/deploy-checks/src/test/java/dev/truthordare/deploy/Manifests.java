package dev.truthordare.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kubernetes manifests parsed strictly into fabric8's model of the Kubernetes API: an
 * unknown kind, a misspelt field (which the model would otherwise keep aside as an
 * "additional property") or a wrongly typed value fails.
 */
record Manifests(String origin, List<HasMetadata> resources) {

	static final Path K8S = ProjectFiles.root().resolve("infra/k8s");

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/Namespace", Namespace.class,
			"v1/ConfigMap", ConfigMap.class, "v1/Service", Service.class, "apps/v1/Deployment", Deployment.class,
			"apps/v1/StatefulSet", StatefulSet.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
			"networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private static final YAMLMapper YAML = new YAMLMapper();

	/** The base's files as they are, without kustomize. */
	@SuppressWarnings("unchecked")
	static Manifests base() {
		Path base = K8S.resolve("base");
		Map<String, Object> kustomization;
		try {
			kustomization = YAML.readValue(read(base.resolve("kustomization.yaml")), Map.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		List<HasMetadata> all = new ArrayList<>();
		for (Object file : (List<Object>) kustomization.get("resources")) {
			all.addAll(parse(read(base.resolve(String.valueOf(file))), "base/" + file));
		}
		return new Manifests("base", all);
	}

	private static final Map<String, Manifests> OVERLAYS = new ConcurrentHashMap<>();

	private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");

	/** The oldest kustomize that reads the overlays (labels, inline patches): 4. */
	private static final int KUSTOMIZE_MAJOR = 4;

	/**
	 * An overlay as {@code kubectl kustomize} builds it. The calling test is skipped,
	 * saying why, where kubectl is missing or embeds a kustomize older than v4 (Debian
	 * 12's kubectl 1.20 embeds v2).
	 */
	static Manifests overlay(String name) {
		Optional<String> kubectl = Stream.of(System.getenv("PATH").split(":"))
			.map(dir -> Path.of(dir, "kubectl"))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst();
		assumeTrue(kubectl.isPresent(),
				"kubectl is not installed: overlays/" + name + " was not built (the base's files were checked)");
		Matcher version = KUSTOMIZE_VERSION.matcher(run(List.of(kubectl.get(), "version", "--client"), "kubectl"));
		assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= KUSTOMIZE_MAJOR,
				"this kubectl embeds a kustomize older than v" + KUSTOMIZE_MAJOR + ": overlays/" + name
						+ " was not built (the base's files were checked)");
		return OVERLAYS.computeIfAbsent(name,
				overlay -> new Manifests("overlays/" + overlay, parse(
						run(List.of(kubectl.get(), "kustomize", K8S.resolve("overlays").resolve(overlay).toString()),
								"kubectl kustomize overlays/" + overlay),
						"overlays/" + overlay)));
	}

	private static String run(List<String> command, String what) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(what + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(what, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what, ex);
		}
	}

	static List<HasMetadata> parse(String text, String origin) {
		List<HasMetadata> resources = new ArrayList<>();
		try (MappingIterator<Map<String, Object>> documents = YAML.readerFor(Map.class).readValues(text)) {
			while (documents.hasNext()) {
				Map<String, Object> document = documents.next();
				if (document == null || document.isEmpty()) {
					continue;
				}
				String type = document.get("apiVersion") + "/" + document.get("kind");
				Class<? extends HasMetadata> kind = KINDS.get(type);
				if (kind == null) {
					throw new IllegalArgumentException(origin + ": unexpected kind " + type);
				}
				HasMetadata resource = YAML.convertValue(document, kind);
				List<String> unknown = new ArrayList<>();
				unknownFields(resource, type + " " + resource.getMetadata().getName(), unknown);
				if (!unknown.isEmpty()) {
					throw new IllegalArgumentException(
							origin + ": fields the Kubernetes API does not have: " + unknown);
				}
				resources.add(resource);
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(origin + ": " + ex.getMessage(), ex);
		}
		return resources;
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
		return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
	}

	@Override
	public String toString() {
		return origin;
	}

	private static String read(Path file) {
		return ProjectFiles.read(file);
	}

	private static void unknownFields(Object node, String path, List<String> found) {
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", found);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> unknownFields(value, path + "." + key, found));
			return;
		}
		if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(node);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(path + "." + getter.getName(), ex);
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
					found.add(path + " " + extra.keySet());
				}
			}
			else {
				unknownFields(value, path + "." + getter.getName().substring(3), found);
			}
		}
	}

}
