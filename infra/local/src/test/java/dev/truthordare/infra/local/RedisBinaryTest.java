package dev.truthordare.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis-server that ./run and the gateway's tests use when the machine has none
 * installed.
 */
class RedisBinaryTest {

	@TempDir
	Path tmp;

	@Test
	void picksTheBundledServerForThePlatform() {
		assertThat(RedisBinary.bundledEntry("Linux", "amd64")).contains("redis-server-7.0.15-linux-amd64");
		assertThat(RedisBinary.bundledEntry("Linux", "aarch64")).contains("redis-server-7.0.15-linux-arm64");
		assertThat(RedisBinary.bundledEntry("Mac OS X", "x86_64")).contains("redis-server-7.0.15-darwin-amd64");
		assertThat(RedisBinary.bundledEntry("Mac OS X", "aarch64")).contains("redis-server-7.0.15-darwin-arm64");
		assertThat(RedisBinary.bundledEntry("Windows 11", "amd64")).isEmpty();
		assertThat(RedisBinary.bundledEntry("Linux", "riscv64")).isEmpty();
	}

	@Test
	void theBundledServerIsUnpackedOnceAsARunnableRedis7() throws Exception {
		Path binary = RedisBinary.bundled(tmp).orElseThrow();
		assertThat(binary.getParent()).isEqualTo(tmp);
		assertThat(binary).isExecutable();
		long modified = Files.getLastModifiedTime(binary).toMillis();

		Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
		assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(version.getInputStream().readAllBytes())).contains("v=" + RedisBinary.BUNDLED_VERSION);

		assertThat(RedisBinary.bundled(tmp)).contains(binary);
		assertThat(Files.getLastModifiedTime(binary).toMillis()).isEqualTo(modified);
		try (var files = Files.list(tmp)) {
			assertThat(files).containsExactly(binary); // no temporary copies left behind
		}
	}

	@Test
	void aServerOnThePathIsPreferred() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("bin"));
		Path own = Files.writeString(dir.resolve("redis-server"), "#!/bin/sh\n");
		assertThat(own.toFile().setExecutable(true)).isTrue();
		assertThat(RedisBinary.installed(Map.of("PATH", dir + ":/nonexistent"))).contains(own);
	}

	@Test
	void theLauncherStartsAndStopsItsOwnRedis() throws Exception {
		int port = Ports.free();
		Path log = tmp.resolve("logs/redis.log");
		try (RedisServer redis = RedisServer.startOrReuse(port, log, tmp.resolve("redis"))) {
			assertThat(redis.owned()).isTrue();
			assertThat(RedisServer.answersPing(port)).isTrue();
			try (RedisServer reused = RedisServer.startOrReuse(port, log, tmp.resolve("redis"))) {
				assertThat(reused.owned()).isFalse();
			}
			assertThat(RedisServer.answersPing(port)).as("closing the reusing handle keeps the server").isTrue();
		}
		assertThat(RedisServer.answersPing(port)).isFalse();
		assertThat(Ports.isAvailable(port)).isTrue();
	}

}
