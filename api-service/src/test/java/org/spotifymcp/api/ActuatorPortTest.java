package org.spotifymcp.api;

import org.spotifymcp.shared.testing.ManagementPortChecks;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The API's actuator endpoints live on its management port; Caddy routes {@code /auth/*},
 * {@code /mcp} … to the main port, which refuses them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorPortTest extends ManagementPortChecks {

	@Override
	protected int refusalStatus() {
		return 403;
	}

}
