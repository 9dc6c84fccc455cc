package org.spotifymcp.frontend.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.stereotype.Component;

/**
 * Asks the API service's {@code /healthz} with a short timeout, so a dead API shows as
 * down on the dashboard instead of hanging it. The only HTTP call the UI makes.
 */
@Component
class ApiHealthProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final OperationsProperties operations;

	ApiHealthProbe(OperationsProperties operations) {
		this.operations = operations;
	}

	ServiceHealth check() {
		String base = (this.operations.apiBaseUrl() != null) ? this.operations.apiBaseUrl().replaceAll("/+$", "") : "";
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			long millis = (System.nanoTime() - started) / 1_000_000;
			boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
			return new ServiceHealth("API", up ? "up" : "down",
					"HTTP " + response.statusCode() + " from " + base + "/healthz in " + millis + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ServiceHealth("API", "down", "interrupted");
		}
		catch (Exception ex) {
			return new ServiceHealth("API", "down",
					"no answer from " + base + "/healthz (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
