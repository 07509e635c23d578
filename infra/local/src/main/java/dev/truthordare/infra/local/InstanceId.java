package dev.truthordare.infra.local;

/**
 * One process of a module: instance 1 keeps the module's name, port and log file
 * ({@code content-service}, {@code logs/content-service.log}); instance 2 and up are
 * {@code content-service-2} and so on, on free ports.
 */
public record InstanceId(String module, int index) {

	public InstanceId {
		Modules.require(module);
		if (index < 1) {
			throw new IllegalArgumentException("instances count from 1: " + index);
		}
	}

	static InstanceId first(String module) {
		return new InstanceId(module, 1);
	}

	/** The name in logs, status and log files. */
	public String name() {
		return index == 1 ? module : module + "-" + index;
	}

	@Override
	public String toString() {
		return name();
	}

}
