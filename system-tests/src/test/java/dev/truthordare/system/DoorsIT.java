package dev.truthordare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.truthordare.infra.local.SystemLauncher;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Only the gateway is a door: the rest listens on loopback, discovery wants credentials,
 * the gateway's actuator and fallbacks are not public, and every service's health tells
 * the truth.
 */
class DoorsIT {

	private static final String INSTANCE = "{\"instance\":{\"instanceId\":\"evil:1\",\"hostName\":\"attacker.example\","
			+ "\"app\":\"CONTENT-SERVICE\",\"ipAddr\":\"203.0.113.7\",\"status\":\"UP\",\"port\":{\"$\":80,\"@enabled\":\"true\"},"
			+ "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";

	private final SharedSystem system = SharedSystem.get();

	private final Client gateway = system.gateway;

	@Test
	void discoveryRefusesAnonymousRegistrationsAndDeletions() {
		Client discovery = new Client(system.launcher.eurekaUrl());

		assertThat(discovery.post("/eureka/apps/CONTENT-SERVICE", INSTANCE).status()).isEqualTo(401);
		assertThat(discovery.get("/eureka/apps", "Accept", "application/json").status()).isEqualTo(401);
		assertThat(discovery.get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void theGatewaysActuatorIsOnItsManagementPortOnly() {
		assertThat(gateway.get("/actuator/prometheus").status()).isEqualTo(404);
		assertThat(gateway.get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(gateway.get("/fallback/content-service").status()).isEqualTo(404);

		Client.Answer metrics = new Client(system.launcher.gatewayManagementUrl()).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_");
	}

	@Test
	void everyServiceIsHealthyWhileItServes() {
		for (String module : List.of(SystemLauncher.CONTENT, SystemLauncher.RATING, SystemLauncher.TRANSLATION,
				SystemLauncher.CMS)) {
			Client.Answer health = new Client(system.launcher.serviceUrl(module)).get("/actuator/health");
			assertThat(health.status()).as(module).isEqualTo(200);
			assertThat(health.body()).as(module).contains("\"UP\"").doesNotContain("Exception");
		}
	}

	@Test
	void onTheMachinesOtherAddressesOnlyTheGatewayAnswers() throws Exception {
		Optional<InetAddress> external = nonLoopbackAddress();
		assumeTrue(external.isPresent(), "this machine has no address besides loopback");

		assertThat(accepts(external.get(), system.launcher.port(SystemLauncher.GATEWAY))).isTrue();
		for (String module : List.of(SystemLauncher.DISCOVERY, SystemLauncher.CONTENT, SystemLauncher.RATING,
				SystemLauncher.TRANSLATION, SystemLauncher.CMS)) {
			assertThat(accepts(external.get(), system.launcher.port(module))).as(module).isFalse();
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter(nic -> {
			try {
				return nic.isUp() && !nic.isLoopback();
			}
			catch (SocketException e) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

	private static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

}
