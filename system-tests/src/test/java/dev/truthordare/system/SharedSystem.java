package dev.truthordare.system;

import dev.truthordare.infra.local.SystemLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * One running system for all system tests in this JVM: starting it costs minutes on two
 * cores, so every test class shares it. A test that stops a service starts it again
 * before it ends.
 */
final class SharedSystem {

	static final String ADMIN = "admin";
	static final String ADMIN_PASSWORD = "system-test-" + System.nanoTime();

	/** Requests one address's bucket holds in these runs. */
	static final int ADDRESS_BURST = 90_000;

	/** The per-address write refill, as in production. */
	static final int ADDRESS_WRITES_PER_SECOND = 20;

	private static final boolean FULL_FAULTS = Boolean.getBoolean("faults.full");

	private static final boolean FAULTS = FULL_FAULTS || Boolean.getBoolean("faults");

	private static SharedSystem instance;

	final SystemLauncher launcher;

	final OtlpReceiver otlp;

	final Client gateway;

	private SharedSystem(SystemLauncher launcher, OtlpReceiver otlp) {
		this.launcher = launcher;
		this.otlp = otlp;
		this.gateway = new Client(launcher.gatewayUrl());
	}

	static synchronized SharedSystem get() {
		if (instance == null) {
			OtlpReceiver otlp;
			try {
				otlp = new OtlpReceiver();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			SystemLauncher launcher;
			try {
				launcher = SystemLauncher.builder()
					.home(Files.createTempDirectory("tod-system-"))
					.freePorts()
					.otlpEndpoint(otlp.endpoint())
					.env(SystemLauncher.CMS, "CMS_ADMIN_PASSWORD", ADMIN_PASSWORD)
					// every test class talks from one address; the limits themselves are
					// tested in
					// gateway-service against a real Redis, here they only must not get
					// in the way
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_READS_PER_SECOND", "100000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_READS_BURST", "100000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_WRITES_PER_SECOND", "100000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_WRITES_BURST", "100000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_LOGINS_PER_MINUTE", "100000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_LOGINS_BURST", "100000")
					// players are presented the way a load balancer does: X-Forwarded-For
					// from a trusted proxy (this machine). The per-address buckets keep
					// their default refill but hold 90000 (unlike the clients' 100000,
					// so an answer shows which bucket spoke): the tests' own address
					// never runs dry, and AbuseIT watches one address's bucket drain
					// whatever client ids it invents
					.env(SystemLauncher.GATEWAY, "GATEWAY_TRUSTED_PROXIES", "127.0.0.1,::1")
					.env(SystemLauncher.CMS, "CMS_SUBMISSIONS_PER_HOUR_PER_ADDRESS", "1000")
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_ADDRESS_READS_BURST", String.valueOf(ADDRESS_BURST))
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_ADDRESS_WRITES_PER_SECOND",
							String.valueOf(ADDRESS_WRITES_PER_SECOND))
					.env(SystemLauncher.GATEWAY, "RATE_LIMIT_ADDRESS_WRITES_BURST", String.valueOf(ADDRESS_BURST))
					// FaultsIT (run on request, -Dfaults=true) wants two instances of the
					// services every player request touches, of all four with
					// -Dfaults.full=true
					.instances(SystemLauncher.CONTENT, FAULTS ? 2 : 1)
					.instances(SystemLauncher.RATING, FAULTS ? 2 : 1)
					.instances(SystemLauncher.TRANSLATION, FULL_FAULTS ? 2 : 1)
					.instances(SystemLauncher.CMS, FULL_FAULTS ? 2 : 1)
					.startupTimeout(Duration.ofMinutes(10))
					.build()
					.start();
			}
			catch (IOException e) {
				otlp.close();
				throw new UncheckedIOException(e);
			}
			instance = new SharedSystem(launcher, otlp);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				launcher.close();
				otlp.close();
			}, "stop-system-under-test"));
		}
		return instance;
	}

	/**
	 * Waits until the seed catalogue is served through the gateway. Other test classes
	 * share this system and may flag or archive a seed item, so this checks the last
	 * items seeded and a lower bound, never an exact count.
	 */
	void awaitSeedCatalogue() {
		// on two busy cores, cms may still be seeding when the system reports ready
		org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> {
			Client.Answer stats = gateway.get("/api/v1/stats");
			return stats.status() == 200 && stats.json().get("total").asLong() >= 100
					&& gateway.get("/api/v1/truths/truth-055").status() == 200
					&& gateway.get("/api/v1/dares/dare-055").status() == 200;
		});
	}

	String adminToken() {
		Client.Answer answer = gateway.post("/api/v1/cms/auth/token",
				"{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
		if (answer.status() != 200) {
			throw new IllegalStateException("admin login failed: " + answer.status() + " " + answer.body());
		}
		return answer.json().get("access_token").asString();
	}

}
