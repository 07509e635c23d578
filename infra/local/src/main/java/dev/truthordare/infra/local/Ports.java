package dev.truthordare.infra.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free-port allocation and port checks. */
public final class Ports {

	private Ports() {
	}

	/**
	 * Ports this JVM has handed out already: never handed out twice, even after their
	 * test socket closed.
	 */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * {@code count} distinct ports that are free right now. They come from below the
	 * kernel's ephemeral range, so neither an outgoing connection's local port nor
	 * another server's {@code bind(0)} can take one between now and its use, and this JVM
	 * never hands out one port twice (the launcher picks the services' ports before the
	 * stack picks Kafka's). Another program may still take one; that race is accepted.
	 */
	public static int[] free(int count) {
		int[] range = allocationRange();
		int[] ports = new int[count];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0, attempts = 0; i < count; attempts++) {
			if (attempts > 10_000) {
				throw new IllegalStateException("no free port found in " + range[0] + "-" + range[1]);
			}
			int candidate = random.nextInt(range[0], range[1] + 1);
			if (isAvailable(candidate) && HANDED_OUT.add(candidate)) {
				ports[i++] = candidate;
			}
		}
		return ports;
	}

	/**
	 * From 10000 up to just below the ephemeral range ({@code ip_local_port_range} on
	 * Linux, 32768 elsewhere).
	 */
	private static int[] allocationRange() {
		int ephemeralLow = 32768;
		try {
			String[] bounds = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
				.get(0)
				.trim()
				.split("\\s+");
			ephemeralLow = Integer.parseInt(bounds[0]);
		}
		catch (IOException | RuntimeException ignored) {
			// not Linux: the IANA default (readAllLines, because readString mis-reads
			// procfs files here)
		}
		int low = 10_000;
		int high = ephemeralLow - 1;
		return high - low >= 1_000 ? new int[] { low, high } : new int[] { 1_024, 9_999 };
	}

	/** One free port. */
	public static int free() {
		return free(1)[0];
	}

	/**
	 * True when nothing listens on {@code port} (checked by binding it on every
	 * interface, as servers do).
	 */
	public static boolean isAvailable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * Throws a clear error when {@code port} is taken; {@code what} names its intended
	 * user.
	 */
	public static void requireAvailable(int port, String what) {
		if (!isAvailable(port)) {
			throw new IllegalStateException("port " + port + " (" + what + ") is already in use"
					+ " - is the system already running (see var/run.pid), or another program using that port?");
		}
	}

}
