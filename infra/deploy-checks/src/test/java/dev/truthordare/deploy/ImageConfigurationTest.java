package dev.truthordare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Jib configuration of the root pom: what every image is. Building the images needs a
 * registry for the base image (not reachable here); docs/deploy.md says how the layers
 * were checked with a scratch base instead.
 */
class ImageConfigurationTest {

	private static final String JIB = "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration";

	private final Document pom = parse(ProjectFiles.rootPom());

	@Test
	void runsOnAMaintainedJreAsANonRootUser() {
		assertThat(text(JIB + "/from/image")).isEqualTo("${image.base}");
		assertThat(text("/project/properties/image.base")).isEqualTo("eclipse-temurin:25-jre");
		String user = text("/project/properties/image.user");
		assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
	}

	@Test
	void sizesTheJvmByTheContainersLimit() {
		List<String> flags = texts(JIB + "/container/jvmFlags/jvmFlag");
		assertThat(flags).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
		assertThat(flags).noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-Xms"));
	}

	@Test
	void carriesTheOciLabels() {
		assertThat(text(JIB + "/container/labels/org.opencontainers.image.source")).isNotBlank();
		assertThat(text(JIB + "/container/labels/org.opencontainers.image.revision")).isEqualTo("${image.revision}");
		assertThat(text(JIB + "/container/labels/org.opencontainers.image.version")).isEqualTo("${project.version}");
	}

	@Test
	void carriesTheOpenTelemetryAgentWhereTheDeploymentsSwitchItOn() {
		assertThat(text(JIB + "/extraDirectories/paths/path/into")).isEqualTo("/opt/otel");
		assertThat(text("//profile[id='images']//artifactItem/destFileName")).isEqualTo("opentelemetry-javaagent.jar");
		assertThat(text("//profile[id='images']//artifactItem/artifactId")).isEqualTo("opentelemetry-javaagent");
	}

	@Test
	void namesEachImageAfterItsModule() {
		assertThat(text(JIB + "/to/image")).isEqualTo("${image.prefix}/${project.artifactId}:${project.version}");
		for (String module : ServiceSettings.MODULES) {
			String pom = ProjectFiles.read(ProjectFiles.root().resolve(module).resolve("pom.xml"));
			assertThat(pom).as(module).contains("<artifactId>" + module + "</artifactId>");
			assertThat(pom).as(module + " builds an image").contains("<artifactId>jib-maven-plugin</artifactId>");
		}
	}

	@Test
	void buildsImagesOnlyWhenAsked() {
		assertThat(texts("/project/build/plugins/plugin/artifactId")).doesNotContain("jib-maven-plugin");
		assertThat(text(JIB.replace("/configuration", "/executions"))).as("no execution outside the profile").isEmpty();
		assertThat(text("//profile[id='images']//plugin[artifactId='jib-maven-plugin']//goal"))
			.isEqualTo("${jib.goal}");
	}

	private String text(String expression) {
		try {
			return ((String) xpath().evaluate(expression, pom, XPathConstants.STRING)).trim();
		}
		catch (Exception ex) {
			throw new IllegalStateException(expression, ex);
		}
	}

	private List<String> texts(String expression) {
		try {
			NodeList nodes = (NodeList) xpath().evaluate(expression, pom, XPathConstants.NODESET);
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < nodes.getLength(); i++) {
				texts.add(nodes.item(i).getTextContent().trim());
			}
			return texts;
		}
		catch (Exception ex) {
			throw new IllegalStateException(expression, ex);
		}
	}

	private static XPath xpath() {
		return XPathFactory.newInstance().newXPath();
	}

	private static Document parse(String xml) {
		try {
			// no namespace awareness: the expressions above name elements without the POM
			// namespace
			return DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
