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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminAuthenticationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void noCredentialsGetAProblem401() throws Exception {
		HttpResponse<String> response = get("/admin/users", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":401")
			.contains("\"title\":\"Unauthorized\"")
			.contains("\"instance\":\"/admin/users\"")
			.contains("Bearer");
	}

	@Test
	void aWrongTokenIsRefused() throws Exception {
		assertThat(get("/admin/users", "Bearer wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void theAdminTokenIsAccepted() throws Exception {
		assertThat(get("/admin/users", "Bearer " + TestDatabase.TEST_ADMIN_TOKEN).statusCode()).isNotIn(401, 403);
	}

	@Test
	void constantTimeComparisonRefusesEmptySecrets() {
		assertThat(AdminSecurityConfiguration.constantTimeEquals("", "")).isFalse();
		assertThat(AdminSecurityConfiguration.constantTimeEquals("a", "a")).isTrue();
		assertThat(AdminSecurityConfiguration.constantTimeEquals("a", "ab")).isFalse();
	}

}
