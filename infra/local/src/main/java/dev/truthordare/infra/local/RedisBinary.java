package dev.truthordare.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a {@code redis-server} for the rate limits' Redis, so that neither {@code ./run}
 * nor {@code ./mvnw verify} needs anything installed by hand: one on the {@code PATH} (or
 * in the usual system folders) wins, because the machine's owner chose it; otherwise the
 * statically linked server that {@code org.signal:embedded-redis} ships inside its jar
 * (from Maven Central, on this module's runtime class path) is copied out to a folder the
 * caller names and made executable. The launcher and the gateway's rate-limit tests both
 * resolve it here.
 */
public final class RedisBinary {

	/**
	 * The Redis version inside {@code org.signal:embedded-redis} (see the root pom); part
	 * of its entry names.
	 */
	static final String BUNDLED_VERSION = "7.0.15";

	private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin",
			"/opt/homebrew/bin");

	private RedisBinary() {
	}

	/**
	 * An executable {@code redis-server}: the machine's, else the bundled one copied into
	 * {@code extractDir} (reused when already there). Empty on a platform the bundle has
	 * no binary for and no server installed.
	 */
	public static Optional<Path> find(Path extractDir) {
		Optional<Path> installed = installed(System.getenv());
		if (installed.isPresent()) {
			return installed;
		}
		return bundled(extractDir);
	}

	/** A {@code redis-server} on {@code PATH} or in the usual system folders. */
	static Optional<Path> installed(Map<String, String> env) {
		List<Path> candidates = new ArrayList<>();
		String path = env.get("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				if (!dir.isBlank()) {
					candidates.add(Path.of(dir, "redis-server"));
				}
			}
		}
		SYSTEM_DIRS.forEach(dir -> candidates.add(Path.of(dir, "redis-server")));
		return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
	}

	/**
	 * The bundled server for this platform, copied to {@code extractDir}; empty when none
	 * fits.
	 */
	public static Optional<Path> bundled(Path extractDir) {
		Optional<String> entry = bundledEntry(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
		if (entry.isEmpty() || RedisBinary.class.getClassLoader().getResource(entry.get()) == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(extract(entry.get(), extractDir));
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot copy the bundled " + entry.get() + " to " + extractDir, e);
		}
	}

	/**
	 * The jar entry of the bundled server for an {@code os.name}/{@code os.arch}, when
	 * the bundle has one.
	 */
	static Optional<String> bundledEntry(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String platform;
		if (os.startsWith("linux")) {
			platform = "linux";
		}
		else if (os.startsWith("mac") || os.startsWith("darwin")) {
			platform = "darwin";
		}
		else {
			return Optional.empty();
		}
		String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			case "x86", "i386", "i686" -> platform.equals("linux") ? "386" : null;
			default -> null;
		};
		return arch == null ? Optional.empty()
				: Optional.of("redis-server-" + BUNDLED_VERSION + "-" + platform + "-" + arch);
	}

	/**
	 * Copies the entry to {@code dir/<entry>} unless a copy of the same size is there.
	 * Several JVMs may do this at once (parallel builds, a test next to {@code ./run}),
	 * so each writes its own temporary file and moves it into place atomically: nobody
	 * ever executes a half-written binary.
	 */
	private static Path extract(String entry, Path dir) throws IOException {
		Files.createDirectories(dir);
		Path target = dir.resolve(entry);
		URLConnection connection = RedisBinary.class.getClassLoader().getResource(entry).openConnection();
		connection.setUseCaches(false); // the jar stays closed after the copy
		long size = connection.getContentLengthLong();
		if (Files.isRegularFile(target) && Files.isExecutable(target) && Files.size(target) == size) {
			connection.getInputStream().close();
			return target;
		}
		Path tmp = Files.createTempFile(dir, entry, ".part");
		try {
			try (InputStream in = connection.getInputStream()) {
				Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
			}
			if (!tmp.toFile().setExecutable(true, false)) {
				throw new IOException("cannot make " + tmp + " executable");
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		return target;
	}

}
