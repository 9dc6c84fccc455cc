package org.spotifymcp.frontend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontendHealthzTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void healthzReportsTheDatabaseWithoutLogin() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/healthz")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"service\":\"admin-frontend\"")
			.contains("\"database\":{\"status\":\"UP\"")
			// snake_case like the API's: the same record answers on every service
			.contains("\"checked_at\":\"")
			.contains("\"latency_ms\":")
			.contains("\"schema_version\":\"");
	}

	@Test
	void theStylesheetAndChartScriptSharedWithTheListenerPagesAreServedWithoutLogin() throws Exception {
		for (String asset : new String[] { "/css/app.css", "/js/charts.js" }) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + asset)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.body()).as(asset).contains(asset.endsWith(".css") ? "--green" : "shortenNames");
		}
	}

}
