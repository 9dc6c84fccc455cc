package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AdminJobsAndLogsApiTest extends AdminApiTestSupport {

	@Test
	void filtersJobRunsByUserTypeAndStatus() throws Exception {
		int user = insertUser("jobs-1", "Jobs");
		this.jdbc.update("insert into job_runs (job_type, user_id, status, stats) values "
				+ "('poll', ?, 'success', '{\"plays_added\": 7}'), ('poll', ?, 'error', '{}'), "
				+ "('initial_sync', ?, 'success', '{}')", user, user, user);
		JsonNode all = body(admin("GET", "/admin/job-runs?user_id=" + user));
		assertThat(all.get("total").asLong()).isEqualTo(3);
		JsonNode polls = body(admin("GET", "/admin/job-runs?user_id=" + user + "&job_type=poll&status=success"));
		assertThat(polls.get("total").asLong()).isEqualTo(1);
		JsonNode run = polls.get("items").get(0);
		assertThat(run.get("stats").get("plays_added").asInt()).isEqualTo(7);
		HttpResponse<String> one = admin("GET", "/admin/job-runs/" + run.get("id").asLong());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(body(one).get("job_type").asString()).isEqualTo("poll");
	}

	@Test
	void badJobRunFiltersName400TheField() throws Exception {
		HttpResponse<String> status = admin("GET", "/admin/job-runs?status=exploded");
		assertThat(status.statusCode()).isEqualTo(400);
		assertThat(body(status).get("field").asString()).isEqualTo("status");
		assertThat(body(status).get("detail").asString()).contains("running");
		HttpResponse<String> user = admin("GET", "/admin/job-runs?user_id=abc");
		assertThat(user.statusCode()).isEqualTo(400);
		assertThat(body(user).get("field").asString()).isEqualTo("user_id");
		assertThat(admin("GET", "/admin/job-runs/99999999").statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/job-runs/x").statusCode()).isEqualTo(400);
	}

	@Test
	void listsAndShowsImportJobsWithProgress() throws Exception {
		int user = insertUser("imports-1", "Imports");
		long id = this.jdbc.queryForObject("insert into import_jobs (user_id, status, original_filename, stored_path, "
				+ "file_size_bytes, bytes_processed, records_processed, records_inserted, duplicates, skipped, "
				+ "skipped_episodes, skipped_no_track) values (?, 'running', 'my.zip', '/tmp/x', 200, 50, 10, 5, 1, 4, 3, 1) "
				+ "returning id", Long.class, user);
		this.jdbc.update("insert into import_jobs (user_id, status, original_filename, stored_path, error_message) "
				+ "values (?, 'error', 'bad.zip', '/tmp/y', 'not a Spotify export')", user);
		JsonNode running = body(admin("GET", "/admin/import-jobs?user_id=" + user + "&status=running"));
		assertThat(running.get("total").asLong()).isEqualTo(1);
		assertThat(running.get("items").get(0).get("percent_done").asInt()).isEqualTo(25);
		// every record read in one count: 10 = 5 new + 1 duplicate + 3 episodes + 1
		// without a track
		JsonNode counts = running.get("items").get(0);
		assertThat(counts.get("skipped_episodes").asLong()).isEqualTo(3);
		assertThat(counts.get("skipped_no_track").asLong()).isEqualTo(1);
		assertThat(counts.get("records_inserted").asLong() + counts.get("duplicates").asLong()
				+ counts.get("skipped").asLong())
			.isEqualTo(counts.get("records_processed").asLong());
		JsonNode failed = body(admin("GET", "/admin/import-jobs/" + (id + 1)));
		assertThat(failed.get("error_message").asString()).isEqualTo("not a Spotify export");
		assertThat(admin("GET", "/admin/import-jobs?status=done").statusCode()).isEqualTo(400);
		assertThat(admin("GET", "/admin/import-jobs/99999999").statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/import-jobs/abc").statusCode()).isEqualTo(400);
	}

	@Test
	void searchesLogsByServiceLevelTextAndTime() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		insertLog(now.minus(1, ChronoUnit.HOURS), "collector-service", "ERROR", "poll failed for zebra-user");
		insertLog(now.minus(2, ChronoUnit.HOURS), "collector-service", "WARN", "slow zebra response");
		insertLog(now.minus(3, ChronoUnit.HOURS), "api-service", "ERROR", "zebra callback refused");
		JsonNode zebra = body(admin("GET", "/admin/logs?q=ZEBRA"));
		assertThat(zebra.get("total").asLong()).isEqualTo(3);
		assertThat(zebra.get("items").get(0).get("message").asString()).isEqualTo("poll failed for zebra-user");
		assertThat(
				body(admin("GET", "/admin/logs?q=zebra&service=collector-service&level=error")).get("total").asLong())
			.isEqualTo(1);
		String since = now.minus(150, ChronoUnit.MINUTES).toString();
		assertThat(body(admin("GET", "/admin/logs?q=zebra&since=" + since)).get("total").asLong()).isEqualTo(2);
		assertThat(body(admin("GET", "/admin/logs?q=zebra&until=" + since)).get("total").asLong()).isEqualTo(1);
		JsonNode paged = body(admin("GET", "/admin/logs?q=zebra&size=2&page=1"));
		assertThat(paged.get("items")).hasSize(1);
		assertThat(paged.get("page").asInt()).isEqualTo(1);
	}

	@Test
	void badLogFiltersName400TheField() throws Exception {
		assertThat(body(admin("GET", "/admin/logs?level=loud")).get("field").asString()).isEqualTo("level");
		assertThat(body(admin("GET", "/admin/logs?since=yesterday")).get("field").asString()).isEqualTo("since");
		assertThat(body(admin("GET", "/admin/logs?since=2025-02-01&until=2025-01-01")).get("field").asString())
			.isEqualTo("until");
		assertThat(admin("GET", "/admin/logs?size=1000").statusCode()).isEqualTo(400);
	}

	@Test
	void logTimesOutsideWhatTheDatabaseStoresName400TheField() throws Exception {
		HttpResponse<String> farFuture = admin("GET", "/admin/logs?since=%2B300000-01-01T00:00:00Z");
		assertThat(farFuture.statusCode()).isEqualTo(400);
		assertThat(body(farFuture).get("field").asString()).isEqualTo("since");
		assertThat(body(farFuture).get("detail").asString())
			.isEqualTo("since must be between 0001-01-01 and 9999-12-31 (UTC)");
		HttpResponse<String> farPast = admin("GET", "/admin/logs?until=-999999999-01-01T00:00:00Z");
		assertThat(farPast.statusCode()).isEqualTo(400);
		assertThat(body(farPast).get("field").asString()).isEqualTo("until");
		// the edges: a day before year 1 (in UTC) is refused, the first and last days are
		// asked of the database
		assertThat(body(admin("GET", "/admin/logs?since=0001-01-01T00:00:00%2B01:00")).get("field").asString())
			.isEqualTo("since");
		assertThat(admin("GET", "/admin/logs?since=10000-01-01T00:00:00Z").statusCode()).isEqualTo(400);
		assertThat(admin("GET", "/admin/logs?since=0001-01-01&until=9999-12-31T23:59:59.999999999Z").statusCode())
			.isEqualTo(200);
	}

	@Test
	void purgeDeletesOnlyOlderLogs() throws Exception {
		Instant now = Instant.now();
		insertLog(now.minus(40, ChronoUnit.DAYS), "api-service", "WARN", "ancient purge-me");
		insertLog(now.minus(1, ChronoUnit.DAYS), "api-service", "WARN", "recent keep-me");
		HttpResponse<String> purge = admin("POST", "/admin/maintenance/purge-logs?days=30");
		assertThat(purge.statusCode()).isEqualTo(200);
		assertThat(body(purge).get("deleted").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(body(admin("GET", "/admin/logs?q=purge-me")).get("total").asLong()).isZero();
		assertThat(body(admin("GET", "/admin/logs?q=keep-me")).get("total").asLong()).isEqualTo(1);
		assertThat(body(admin("POST", "/admin/maintenance/purge-logs")).get("field").asString()).isEqualTo("days");
		assertThat(body(admin("POST", "/admin/maintenance/purge-logs?days=-1")).get("field").asString())
			.isEqualTo("days");
		assertThat(body(admin("POST", "/admin/maintenance/purge-logs?days=ten")).get("field").asString())
			.isEqualTo("days");
	}

	@Test
	void mcpTokensAreIssuedOnceListedWithoutSecretsAndRevoked() throws Exception {
		int user = insertUser("mcp-1", "Mcp");
		HttpResponse<String> issued = admin("POST", "/admin/users/" + user + "/mcp-tokens", "{\"name\":\"laptop\"}");
		assertThat(issued.statusCode()).isEqualTo(201);
		String secret = body(issued).get("secret").asString();
		assertThat(secret).startsWith("smcp_");
		long tokenId = body(issued).get("token").get("id").asLong();

		HttpResponse<String> list = admin("GET", "/admin/users/" + user + "/mcp-tokens");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(body(list).get("items")).hasSize(1);
		assertThat(body(list).get("total").asLong()).isEqualTo(1);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("hash").contains("\"active\":true");

		HttpResponse<String> revoked = admin("DELETE", "/admin/mcp-tokens/" + tokenId);
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(body(revoked).get("active").asBoolean()).isFalse();
		assertThat(this.jdbc.queryForObject("select revoked_at is not null from mcp_tokens where id = ?", Boolean.class,
				tokenId))
			.isTrue();
	}

	@Test
	void invalidMcpTokenRequestsAreRefused() throws Exception {
		int user = insertUser("mcp-2", "Mcp2");
		HttpResponse<String> noName = admin("POST", "/admin/users/" + user + "/mcp-tokens", "{}");
		assertThat(noName.statusCode()).isEqualTo(400);
		assertThat(body(noName).get("field").asString()).isEqualTo("name");
		assertThat(admin("POST", "/admin/users/999999/mcp-tokens", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/users/999999/mcp-tokens").statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/users/abc/mcp-tokens").statusCode()).isEqualTo(400);
		assertThat(admin("DELETE", "/admin/mcp-tokens/99999999").statusCode()).isEqualTo(404);
		assertThat(body(admin("DELETE", "/admin/mcp-tokens/abc")).get("field").asString()).isEqualTo("token_id");
	}

	private void insertLog(Instant at, String service, String level, String message) {
		this.jdbc.update("insert into logs (timestamp, service, level, logger, message) values (?, ?, ?, 'test', ?)",
				Timestamp.from(at), service, level, message);
	}

}
