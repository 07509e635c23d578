package dev.truthordare.infra.local;

import java.nio.file.Path;

/**
 * Logging of the launcher JVM when it runs on its own (./run): progress of
 * {@code dev.truthordare} on the console, everything (Kafka, MongoDB server) in
 * {@code <logDir>/local-stack.log}. Must run before the first logger is created; does
 * nothing when a logback configuration was given explicitly.
 */
final class LoggingSetup {

	static final String CONFIG_RESOURCE = "local-stack-logback.xml";

	private LoggingSetup() {
	}

	static void toFileAndConsole(Path logDir) {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", CONFIG_RESOURCE);
		}
		if (System.getProperty("tod.log.dir") == null) {
			System.setProperty("tod.log.dir", logDir.toAbsolutePath().normalize().toString());
		}
	}

}
