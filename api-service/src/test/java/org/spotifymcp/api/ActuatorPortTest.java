package org.spotifymcp.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and actuator probes are served on the management port only: a proxy that routes
 * the API port (Caddy sends {@code /auth/*}, {@code /mcp} … there) must never expose
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorPortTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theMainPortServesNoActuatorEndpoint() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		HttpResponse<String> metrics = get(this.port, "/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(404);
		assertThat(metrics.body()).doesNotContain("jvm_memory_used_bytes");
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator",
				"/actuator/info" }) {
			// 404 where the security rules let the path through, 403 where they do not
			assertThat(get(this.port, path).statusCode()).as(path).isIn(403, 404);
		}
		assertThat(get(this.port, "/healthz").statusCode()).isEqualTo(200);
	}

	@Test
	void theManagementPortServesMetricsAndProbes() throws Exception {
		HttpResponse<String> metrics = get(this.managementPort, "/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections_max");
		assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
