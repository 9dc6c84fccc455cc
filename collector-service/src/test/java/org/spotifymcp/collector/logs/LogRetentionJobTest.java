package org.spotifymcp.collector.logs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LogRetentionJobTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.ops.log-retention-days", () -> "30");
	}

	@Autowired
	LogRetentionJob job;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@Test
	void rowsOlderThanTheRetentionAreDeleted() {
		Instant now = Instant.now();
		for (Instant at : new Instant[] { now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(29)) }) {
			this.jdbc.update("insert into logs (timestamp, service, level, message) values (?, 'test', 'WARN', 'm')",
					Timestamp.from(at));
		}
		assertThat(this.job.purgeExpiredLogs()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from logs where service = 'test'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void actuatorHealthAnswersOnTheManagementPort() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

}
