package dev.truthordare.rating;

import dev.truthordare.web.testing.HeaderContract;
import java.util.List;

/**
 * rating-service never answers 5xx to a hostile header value, X-Client-Id and
 * Idempotency-Key included: summaries, the top list, a rating and a report.
 */
class HostileHeaderValuesTest extends RatingServiceTestSupport implements HeaderContract {

	@Override
	public int port() {
		return port;
	}

	@Override
	public List<Endpoint> hostileHeaderEndpoints() {
		return List.of(Endpoint.get("/api/v1/ratings/item-approved"), Endpoint.get("/api/v1/ratings/top?limit=5"),
				Endpoint.post("/api/v1/ratings", "{\"content_id\":\"item-pending\",\"rating\":4}"),
				Endpoint.post("/api/v1/reports", "{\"content_id\":\"no-such-item\",\"reason_code\":\"UNSAFE\"}"));
	}

}
