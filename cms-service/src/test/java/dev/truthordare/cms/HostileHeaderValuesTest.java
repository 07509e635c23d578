package dev.truthordare.cms;

import dev.truthordare.web.testing.HeaderContract;
import java.util.List;
import java.util.Map;

/**
 * cms-service never answers 5xx to a hostile header value: staff reads and writes (with
 * an admin token unless the case replaces Authorization, If-Match included), a player's
 * submission and a login.
 */
class HostileHeaderValuesTest extends CmsTestSupport implements HeaderContract {

	@Override
	public int port() {
		return port;
	}

	@Override
	public Map<String, String> baseHeaders() {
		return Map.of("Authorization", "Bearer " + adminToken());
	}

	@Override
	public List<Endpoint> hostileHeaderEndpoints() {
		return List.of(Endpoint.get("/api/v1/cms/queue?status=PENDING"),
				Endpoint.put("/api/v1/cms/content/no-such-item", "{\"content\":\"What is your favourite song?\"}"),
				Endpoint.post("/api/v1/submissions",
						"{\"type\":\"truth\",\"content\":\"short\",\"category\":\"deep\"}"),
				Endpoint.post("/api/v1/cms/auth/token",
						"{\"username\":\"header-matrix-nobody\",\"password\":\"not-the-password\"}"));
	}

}
