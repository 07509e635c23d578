package dev.truthordare.gateway;

import dev.truthordare.web.testing.HeaderContract;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * No header value makes the gateway answer 5xx, whether it refuses the request itself
 * (size, shape, token, CORS) or passes it on: every hostile value of the shared matrix,
 * on a public read, a player write, a staff write and a CORS preflight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHeaderValuesTest implements HeaderContract {

	private UpstreamStub upstream;

	private GatewayInstance gateway;

	@BeforeAll
	void start() throws IOException {
		upstream = new UpstreamStub();
		gateway = new GatewayInstance(upstream.url(), 1);
	}

	@AfterAll
	void stop() {
		gateway.close();
		upstream.close();
	}

	@Override
	public int port() {
		return URI.create(gateway.url()).getPort();
	}

	@Override
	public List<Endpoint> hostileHeaderEndpoints() {
		return List.of(Endpoint.get("/api/v1/truths/random"),
				Endpoint.post("/api/v1/ratings", "{\"content_id\":\"truth-001\",\"rating\":5}"),
				// no body: the gateway refuses a staff write without a token before it
				// reads
				// one, and a body left unread makes the closing socket reset the answer
				new Endpoint("PUT", "/api/v1/cms/content/truth-001", null),
				new Endpoint("OPTIONS", "/api/v1/ratings", null), Endpoint.get("/no-such-route"));
	}

}
