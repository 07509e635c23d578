package dev.truthordare.content;

import dev.truthordare.web.testing.ProblemContract;

/**
 * content-service answers the shared malformed requests with the same problem documents
 * as every servlet service.
 */
class ProblemContractTest extends ContentServiceTestBase implements ProblemContract {

	@Override
	public int port() {
		return port;
	}

}
