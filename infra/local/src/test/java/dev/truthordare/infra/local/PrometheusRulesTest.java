package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * infra/prometheus is checked by Prometheus's own tool: the scrape configuration and the
 * rules are valid, every alert's unit tests pass, and every alert has at least one test
 * where it fires and one where it stays silent. promtool comes from Debian's
 * {@code prometheus} package, which {@code .ci/run} installs: without it this test fails
 * rather than passing unchecked.
 */
class PrometheusRulesTest {

	static final Path PROMETHEUS_DIR = SystemLauncher.findRepoRoot(Path.of("")).resolve("infra/prometheus");

	@Test
	void theScrapeConfigurationIsValid() throws Exception {
		assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
	}

	@Test
	void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
		List<String> rules = files("rules");
		List<String> tests = files("tests");
		assertThat(rules).isNotEmpty();
		assertThat(tests).isNotEmpty();
		assertThat(promtool(concat(List.of("check", "rules"), rules))).doesNotContain("FAILED");
		assertThat(promtool(concat(List.of("test", "rules"), tests))).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void everyAlertIsTestedFiringAndSilent() throws IOException {
		Set<String> alerts = new TreeSet<>();
		for (String file : files("rules")) {
			Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\S+)\\s*$")
				.matcher(Files.readString(PROMETHEUS_DIR.resolve(file)));
			while (alert.find()) {
				alerts.add(alert.group(1));
			}
		}
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		for (String file : files("tests")) {
			List<String> lines = Files.readAllLines(PROMETHEUS_DIR.resolve(file));
			for (int i = 0; i + 1 < lines.size(); i++) {
				Matcher name = Pattern.compile("^\\s*alertname: (\\S+)\\s*$").matcher(lines.get(i));
				if (name.matches()) {
					(lines.get(i + 1).trim().equals("exp_alerts: []") ? silent : firing).add(name.group(1));
				}
			}
		}
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(12);
		assertThat(firing).as("alerts with a test where they fire").containsAll(alerts);
		assertThat(silent).as("alerts with a test where they stay silent").containsAll(alerts);
	}

	/** The files of a folder of infra/prometheus, relative to it. */
	private static List<String> files(String folder) throws IOException {
		try (Stream<Path> files = Files.list(PROMETHEUS_DIR.resolve(folder))) {
			return files.filter(file -> file.toString().endsWith(".yml"))
				.map(file -> folder + "/" + file.getFileName())
				.sorted()
				.toList();
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	static String promtool(String... args) throws Exception {
		return promtool(List.of(args));
	}

	/** Runs promtool in infra/prometheus; fails the test on a non-zero exit. */
	static String promtool(List<String> args) throws Exception {
		Path promtool = Prometheus.onPath("promtool", System.getenv("PATH"))
			.orElseThrow(() -> new AssertionError(
					"promtool is not installed: apt-get install prometheus" + " (.ci/run and ./run install it)"));
		List<String> command = concat(List.of(promtool.toString()), args);
		Process process = new ProcessBuilder(command).directory(PROMETHEUS_DIR.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":%n%s", output).isZero();
		return output;
	}

}
