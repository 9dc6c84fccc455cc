package org.spotifymcp.api.admin;

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

/**
 * After the allowed number of failed logins an address gets 429 with Retry-After, even
 * with the right token, while requests without credentials are not counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.login-throttle.max-failures-per-minute=3")
class AdminLoginThrottleTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/admin/sync-status"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void failedAttemptsAreThrottledPerAddress() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(get(null).statusCode()).isEqualTo(401);
		}
		assertThat(get("Bearer " + TestDatabase.TEST_ADMIN_TOKEN).statusCode()).isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			assertThat(get("Bearer guess-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> throttled = get("Bearer " + TestDatabase.TEST_ADMIN_TOKEN);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.body()).contains("\"status\":429").contains("too many failed admin logins");
		assertThat(throttled.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
	}

}
