package org.spotifymcp.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Comparator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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
			.contains("\"checked_at\":\"")
			.contains("\"latency_ms\":")
			.contains("\"schema_version\":\"" + newestMigrationOnTheClasspath() + "\"");
	}

	/**
	 * The version of the newest migration file, read the way Flyway reads file names
	 * ({@code V10__name.sql} is version 10, newer than 9).
	 */
	private static String newestMigrationOnTheClasspath() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
		assertThat(files).isNotEmpty();
		return Arrays.stream(files)
			.map(Resource::getFilename)
			.map((name) -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.')))
			.max(Comparator.naturalOrder())
			.orElseThrow()
			.getVersion();
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
