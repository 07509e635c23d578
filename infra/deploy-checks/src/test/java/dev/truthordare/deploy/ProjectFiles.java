package dev.truthordare.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's files, read from the checkout the build runs in. */
final class ProjectFiles {

	private static final Pattern IMAGE_PREFIX = Pattern.compile("<image.prefix>([^<]+)</image.prefix>");

	private ProjectFiles() {
	}

	static Path root() {
		return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
	}

	static String version() {
		return System.getProperty("project.version", "0.1.0-SNAPSHOT");
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String rootPom() {
		return read(root().resolve("pom.xml"));
	}

	/**
	 * The registry and namespace of the Jib images ({@code image.prefix} in the root
	 * pom).
	 */
	static String imagePrefix() {
		Matcher m = IMAGE_PREFIX.matcher(rootPom());
		if (!m.find()) {
			throw new IllegalStateException("no <image.prefix> in the root pom");
		}
		return m.group(1);
	}

}
