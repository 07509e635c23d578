package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * infra/k8s: the base as written and each overlay as {@code kubectl kustomize} builds it
 * (skipped, saying so, where kubectl is missing) parse strictly into the Kubernetes model
 * and agree with the services' own configuration.
 */
class KubernetesManifestsTest {

	private static final Map<String, ServiceSettings> SERVICES = ServiceSettings.all();

	/** Spring's default {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	private static final Duration GRACEFUL_SHUTDOWN_PHASE = Duration.ofSeconds(30);

	private static final Set<String> AUTOSCALED = Set.of("gateway-service", "content-service", "rating-service");

	private static final Pattern DEPENDENT_VARIABLE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

	private static final String AGENT = "-javaagent:/opt/otel/opentelemetry-javaagent.jar";

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void runsEveryServiceFromItsJibImageWithTwoOrMoreReplicas(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Workload workload = workload(manifests, service.module());
			assertThat(workload.replicas()).as("%s %s replicas", source, service.module()).isGreaterThanOrEqualTo(2);
			String image = workload.container().getImage();
			if (source.equals("base")) {
				assertThat(image).isEqualTo(service.image());
			}
			else {
				assertThat(image).as(source).endsWith("/" + service.module() + ":" + ProjectFiles.version());
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void probesAskTheActuatorGroupsOnTheRealPorts(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Container container = workload(manifests, service.module()).container();
			assertProbe(container, container.getStartupProbe(), "/actuator/health/liveness", service);
			assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness", service);
			assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness", service);
			assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort)
				.as(service.module())
				.contains(service.port());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void setsOnlyVariablesTheServiceReads(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Container container = workload(manifests, service.module()).container();
			// a variable only there for the kubelet to compose another one, e.g.
			// $(EUREKA_PASSWORD) in EUREKA_URI
			Set<String> composing = new java.util.TreeSet<>();
			for (EnvVar env : container.getEnv()) {
				Matcher m = DEPENDENT_VARIABLE.matcher(String.valueOf(env.getValue()));
				while (m.find()) {
					composing.add(m.group(1));
				}
			}
			for (EnvVar env : container.getEnv()) {
				assertThat(service.reads(env.getName()) || composing.contains(env.getName()))
					.as("%s sets %s for %s, which never reads it", source, env.getName(), service.module())
					.isTrue();
			}
			// the kubelet expands $(NAME) only from variables listed before the one using
			// it
			List<String> names = container.getEnv().stream().map(EnvVar::getName).toList();
			for (int i = 0; i < names.size(); i++) {
				Matcher m = DEPENDENT_VARIABLE.matcher(String.valueOf(container.getEnv().get(i).getValue()));
				while (m.find()) {
					assertThat(names.subList(0, i))
						.as("%s: $(%s) in %s is defined before it", service.module(), m.group(1), names.get(i))
						.contains(m.group(1));
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void takesSettingsFromTheConfigMapAndSecretsFromSecretsKeptOutOfGit(String source) {
		Manifests manifests = load(source);
		assertThat(manifests.resources()).extracting(HasMetadata::getKind).doesNotContain("Secret");
		for (ServiceSettings service : SERVICES.values()) {
			for (EnvVar env : workload(manifests, service.module()).container().getEnv()) {
				if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
					var ref = env.getValueFrom().getConfigMapKeyRef();
					ConfigMap map = manifests.named(ConfigMap.class, ref.getName()).orElseThrow();
					assertThat(map.getData()).as("%s %s", source, env.getName()).containsKey(ref.getKey());
				}
				if (env.getName().endsWith("PASSWORD") || env.getName().equals("MONGODB_URI")) {
					assertThat(env.getValue()).as("%s %s comes from a Secret", service.module(), env.getName())
						.isNull();
					assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void exportsTracesThroughTheAgentInTheImage(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			List<EnvVar> env = workload(manifests, service.module()).container().getEnv();
			assertThat(env).filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
				.singleElement()
				.extracting(EnvVar::getValue)
				.isEqualTo(AGENT);
			assertThat(env).extracting(EnvVar::getName).contains("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void runsAsNonRootOnAReadOnlyRootFilesystemWithLimits(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Workload workload = workload(manifests, service.module());
			var pod = workload.template().getSpec();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service.module()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
			Container container = workload.container();
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service.module()).isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			var tmp = container.getVolumeMounts()
				.stream()
				.filter(m -> m.getMountPath().equals("/tmp"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service.module() + ": no writable /tmp"));
			assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmp.getName()))
				.singleElement()
				.extracting(Volume::getEmptyDir)
				.isNotNull();
			for (String resource : List.of("cpu", "memory")) {
				assertThat(container.getResources().getRequests()).as(service.module()).containsKey(resource);
				assertThat(container.getResources().getLimits()).as(service.module()).containsKey(resource);
			}
			assertThat(pod.getTopologySpreadConstraints()).as(service.module()).isNotEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void givesEachPodTheTimeToDrain(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Workload workload = workload(manifests, service.module());
			Container container = workload.container();
			long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
			Duration deregistration = container.getEnv()
				.stream()
				.filter(e -> e.getName().equals("SHUTDOWN_DEREGISTRATION_WAIT"))
				.map(e -> Duration.parse("PT" + e.getValue().toUpperCase(java.util.Locale.ROOT)))
				.findFirst()
				.orElse(service.reads("SHUTDOWN_DEREGISTRATION_WAIT") ? Duration.ofSeconds(10) : Duration.ZERO);
			long needed = preStop + deregistration.plus(GRACEFUL_SHUTDOWN_PHASE).toSeconds();
			assertThat(workload.template().getSpec().getTerminationGracePeriodSeconds())
				.as("%s: preStop %d s + deregistration %s + graceful shutdown %s", service.module(), preStop,
						deregistration, GRACEFUL_SHUTDOWN_PHASE)
				.isGreaterThanOrEqualTo(needed);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void everyWorkloadHasADisruptionBudgetAndAService(String source) {
		Manifests manifests = load(source);
		for (ServiceSettings service : SERVICES.values()) {
			Map<String, String> labels = workload(manifests, service.module()).template().getMetadata().getLabels();
			assertThat(manifests.all(PodDisruptionBudget.class))
				.as("%s: a PodDisruptionBudget for %s", source, service.module())
				.anyMatch(
						pdb -> labels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
			Service svc = manifests.named(Service.class, service.module()).orElseThrow();
			assertThat(labels.entrySet()).containsAll(svc.getSpec().getSelector().entrySet());
			assertThat(svc.getSpec().getPorts()).anySatisfy(port -> {
				assertThat(port.getPort()).isEqualTo(service.port());
				assertThat(resolve(workload(manifests, service.module()).container(), port.getTargetPort()))
					.isEqualTo(service.port());
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void autoscalesTheGatewayContentAndRating(String source) {
		Manifests manifests = load(source);
		assertThat(manifests.all(HorizontalPodAutoscaler.class))
			.extracting(hpa -> hpa.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrderElementsOf(AUTOSCALED);
		for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
			String target = hpa.getSpec().getScaleTargetRef().getName();
			assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(hpa.getSpec().getMinReplicas()).as(target).isGreaterThanOrEqualTo(2);
			assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
			assertThat(manifests.named(Deployment.class, target).orElseThrow().getSpec().getReplicas())
				.as("%s: replicas start at the autoscaler's minimum", target)
				.isEqualTo(hpa.getSpec().getMinReplicas());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "local", "production" })
	void onlyTheGatewayIsReachableFromEverywhere(String source) {
		Manifests manifests = load(source);
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		assertThat(policies).as("a default deny")
			.anyMatch(p -> Optional.ofNullable(p.getSpec().getPodSelector().getMatchLabels()).orElse(Map.of()).isEmpty()
					&& p.getSpec().getPolicyTypes().contains("Ingress") && p.getSpec().getIngress().isEmpty());
		for (NetworkPolicy policy : policies) {
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				if (rule.getFrom().isEmpty()) {
					assertThat(policy.getSpec().getPodSelector().getMatchLabels())
						.as("%s opens its pods to everyone", policy.getMetadata().getName())
						.containsEntry("app.kubernetes.io/name", "gateway-service");
					assertThat(rule.getPorts()).singleElement()
						.extracting(p -> p.getPort().getIntVal())
						.isEqualTo(SERVICES.get("gateway-service").port());
				}
			}
		}
		for (ServiceSettings service : SERVICES.values()) {
			assertThat(policies).as("a policy lets %s's callers in", service.module())
				.anyMatch(p -> service.module()
					.equals(Optional.ofNullable(p.getSpec().getPodSelector().getMatchLabels())
						.orElse(Map.of())
						.get("app.kubernetes.io/name")));
		}
	}

	@Test
	void theParserRefusesAFieldKubernetesDoesNotHave() {
		String typo = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  replica: 2
				  selector: {matchLabels: {app: typo}}
				  template:
				    metadata: {labels: {app: typo}}
				    spec:
				      containers: [{name: typo, image: typo}]
				""";
		assertThatThrownBy(() -> Manifests.parse(typo, "typo")).hasMessageContaining("replica");
	}

	private static Manifests load(String source) {
		return source.equals("base") ? Manifests.base() : Manifests.overlay(source);
	}

	private static void assertProbe(Container container, Probe probe, String path, ServiceSettings service) {
		assertThat(probe).as("%s probe on %s", service.module(), path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(service.module()).isEqualTo(path);
		assertThat(resolve(container, probe.getHttpGet().getPort())).as("%s %s", service.module(), path)
			.isEqualTo(service.managementPort());
	}

	private static int resolve(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter(p -> port.getStrVal().equals(p.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + ": no port named " + port.getStrVal()))
			.getContainerPort();
	}

	private static Workload workload(Manifests manifests, String module) {
		Optional<Deployment> deployment = manifests.named(Deployment.class, module);
		if (deployment.isPresent()) {
			return new Workload(deployment.get().getSpec().getReplicas(), deployment.get().getSpec().getTemplate());
		}
		StatefulSet set = manifests.named(StatefulSet.class, module)
			.orElseThrow(() -> new AssertionError(manifests + ": no Deployment or StatefulSet " + module));
		return new Workload(set.getSpec().getReplicas(), set.getSpec().getTemplate());
	}

	private record Workload(Integer replicas, PodTemplateSpec template) {

		Container container() {
			assertThat(template.getSpec().getContainers()).hasSize(1);
			return template.getSpec().getContainers().get(0);
		}

	}

}
