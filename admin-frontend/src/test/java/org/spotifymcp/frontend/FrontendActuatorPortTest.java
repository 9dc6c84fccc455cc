package org.spotifymcp.frontend;

import org.spotifymcp.shared.testing.ManagementPortChecks;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The admin UI's actuator endpoints live on its management port; Caddy sends every path
 * the API does not take to the main port, which redirects them to the login page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontendActuatorPortTest extends ManagementPortChecks {

	@Override
	protected int refusalStatus() {
		return 302;
	}

}
