package org.spotifymcp.shared.logs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SharedModelTestApplication.class)
class DatabaseLogSinkTest {

	private static final Logger logger = LoggerFactory.getLogger("org.spotifymcp.test.LogSinkProbe");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	DatabaseLogSink sink;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void warningsAndMarkedInfoAreStoredWithTheirContext() {
		MDC.put(LogEvents.USER_ID, "42");
		MDC.put(LogEvents.JOB_RUN_ID, "7");
		try {
			logger.warn("poll of user {} failed", 42, new IllegalStateException("Spotify said no"));
			logger.info(LogEvents.PERSIST, "initial sync finished");
			logger.info("routine chatter that stays on stdout");
		}
		finally {
			MDC.clear();
		}
		this.sink.flush();
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select level, message, service, context->>'user_id' as user_id, context->>'job_run_id' as job_run_id, "
						+ "context->>'error' as error from logs where logger = ? order by level desc",
				"org.spotifymcp.test.LogSinkProbe");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("level", "WARN")
			.containsEntry("message", "poll of user 42 failed")
			.containsEntry("service", "shared-model-test")
			.containsEntry("user_id", "42")
			.containsEntry("job_run_id", "7")
			.containsEntry("error", "java.lang.IllegalStateException: Spotify said no");
		assertThat(rows.get(1)).containsEntry("level", "INFO").containsEntry("message", "initial sync finished");
	}

}
