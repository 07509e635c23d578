package dev.truthordare.infra.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <home>/processes.tsv}: one line per instance, rewritten whenever a process
 * starts, exits or stops, so that {@code ./run status} in another shell can say what runs
 * without talking to the launcher. Replaced atomically: a reader never sees half a file.
 */
final class StatusFile {

	/** One instance as the launcher last saw it; {@code pid} is -1 when not running. */
	record Row(InstanceId instance, long pid, int port, long startedAtMillis, int restarts, String state, Path log) {

		String line() {
			return String.join("\t", instance.module(), Integer.toString(instance.index()), Long.toString(pid),
					Integer.toString(port), Long.toString(startedAtMillis), Integer.toString(restarts), state,
					log.toString());
		}

		static Row parse(String line) {
			String[] f = line.split("\t", -1);
			if (f.length != 8) {
				throw new IllegalArgumentException("not a status line: " + line);
			}
			return new Row(new InstanceId(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]), Integer.parseInt(f[3]),
					Long.parseLong(f[4]), Integer.parseInt(f[5]), f[6], Path.of(f[7]));
		}

	}

	static final String HEADER = "# module\tinstance\tpid\tport\tstarted_at_ms\trestarts\tstate\tlog";

	/** Created lazily: ./run configures logging before the first logger exists. */
	private static final class Log {

		static final Logger LOG = LoggerFactory.getLogger(StatusFile.class);

	}

	private final Path file;

	private final Supplier<List<Row>> rows;

	StatusFile(LauncherSettings settings, Supplier<List<Row>> rows) {
		this.file = settings.statusFile();
		this.rows = rows;
	}

	synchronized void write() {
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		rows.get().forEach(row -> lines.add(row.line()));
		try {
			Files.createDirectories(file.getParent());
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.write(temporary, lines, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			Log.LOG.warn("cannot write {}: {}", file, e.getMessage());
		}
	}

	synchronized void delete() {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			Log.LOG.warn("cannot delete {}: {}", file, e.getMessage());
		}
	}

	static List<Row> read(Path file) throws IOException {
		return Files.readAllLines(file, StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(Row::parse)
			.toList();
	}

}
