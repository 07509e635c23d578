package dev.truthordare.cms;

import dev.truthordare.web.testing.ProblemContract;

/**
 * cms-service answers the shared malformed requests with the same problem documents as
 * every servlet service.
 */
class ProblemContractTest extends CmsTestSupport implements ProblemContract {

	@Override
	public int port() {
		return port;
	}

}
