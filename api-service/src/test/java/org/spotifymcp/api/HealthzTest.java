package org.spotifymcp.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /healthz} answers 200 with the database state, and 503 once the database is
 * gone. Uses a database server of its own, since it stops it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class HealthzTest {

	private static final EmbeddedPostgres server = TestDatabase.startDedicatedServer();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(1)
	void upWhileTheDatabaseAnswers() throws Exception {
		HttpResponse<String> response = get("/healthz");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"status\":\"UP\"")
			.contains("\"service\":\"api-service\"")
			// the newest migration's version; it grows as migrations are added
			.containsPattern("\"schemaVersion\":\"[1-9][0-9]*\"");
	}

	@Test
	@Order(2)
	void downWhenTheDatabaseIsGone() throws Exception {
		server.close();
		HttpResponse<String> response = get("/healthz");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"status\":\"DOWN\"");
	}

}
