package org.spotifymcp.shared.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and actuator probes are served on the management port only: a proxy that routes
 * a service's main port (Caddy) must never expose them. A service's test extends this
 * with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class ManagementPortChecks {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * What the main port may answer for an actuator path besides 404: the service's
	 * refusal of an unauthenticated request (403, or a redirect to its login page).
	 * @return the status the security rules give such a path
	 */
	protected abstract int refusalStatus();

	@Test
	void theMainPortServesNoActuatorEndpoint() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		HttpResponse<String> metrics = get(this.port, "/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(404);
		assertThat(metrics.body()).doesNotContain("jvm_memory_used_bytes");
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator",
				"/actuator/info" }) {
			assertThat(get(this.port, path).statusCode()).as(path).isIn(refusalStatus(), 404);
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
