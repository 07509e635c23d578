package dev.truthordare.content;

import dev.truthordare.web.testing.HeaderContract;
import java.util.List;

/**
 * content-service's reads (negotiating the language from Accept-Language, answering
 * If-None-Match) and its one write never answer 5xx to a hostile header value.
 */
class HostileHeaderValuesTest extends ContentServiceTestBase implements HeaderContract {

	@Override
	public int port() {
		return port;
	}

	@Override
	public List<Endpoint> hostileHeaderEndpoints() {
		return List.of(Endpoint.get("/api/v1/truths/random"), Endpoint.get("/api/v2/truths/t-deep-01"),
				Endpoint.get("/api/v1/truths?page=1&size=5"), Endpoint.get("/api/v1/stats"),
				Endpoint.get("/api/v1/truth"), Endpoint.post("/api/v1/games", "{\"players\":4}"));
	}

}
