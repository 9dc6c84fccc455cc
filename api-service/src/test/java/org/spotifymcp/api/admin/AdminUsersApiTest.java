package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AdminUsersApiTest extends AdminApiTestSupport {

	@Test
	void listsUsersPaginatedWithTotals() throws Exception {
		int first = insertUser("list-a", "List A");
		insertUser("list-b", "List B");
		HttpResponse<String> response = admin("GET", "/admin/users?page=0&size=1");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode page = body(response);
		assertThat(page.get("size").asInt()).isEqualTo(1);
		assertThat(page.get("page").asInt()).isEqualTo(0);
		assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(page.get("items")).hasSize(1);
		assertThat(admin("GET", "/admin/users?size=200").body()).contains("\"id\":" + first)
			.contains("\"display_name\":\"List A\"");
	}

	@Test
	void listsSortsAndFiltersByTheSpotifyReconnectByDate() throws Exception {
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		int soon = insertUser("reconnect-soon", "Soon");
		int later = insertUser("reconnect-later", "Later");
		int unknown = insertUser("reconnect-unknown", "Unknown");
		for (int user : new int[] { soon, later, unknown }) {
			linkSpotify(user);
		}
		consent(soon, now.minus(java.time.Duration.ofDays(170)));
		consent(later, now.minus(java.time.Duration.ofDays(10)));

		JsonNode due = body(admin("GET", "/admin/users?size=200&reconnect_due_within_days=30"));
		assertThat(due.get("items")).extracting((item) -> item.get("id").asInt())
			.contains(soon)
			.doesNotContain(later, unknown);
		assertThat(due.get("total").asLong()).isEqualTo(due.get("items").size());
		JsonNode sorted = body(admin("GET", "/admin/users?size=200&sort=reconnect_by"));
		java.util.List<Integer> order = new java.util.ArrayList<>();
		sorted.get("items").forEach((item) -> order.add(item.get("id").asInt()));
		assertThat(order.indexOf(soon)).isLessThan(order.indexOf(later));
		assertThat(order.indexOf(later)).isLessThan(order.indexOf(unknown));

		JsonNode detail = body(admin("GET", "/admin/users/" + soon));
		Instant reconnectBy = Instant.parse(detail.get("token").get("reconnect_by").asString());
		assertThat(reconnectBy).isEqualTo(
				now.minus(java.time.Duration.ofDays(170)).atOffset(java.time.ZoneOffset.UTC).plusMonths(6).toInstant());
		assertThat(detail.get("token").get("consented_at").asString()).isNotBlank();
		assertThat(body(admin("GET", "/admin/sync-status")).toString()).contains("\"reconnect_by\"");

		HttpResponse<String> bad = admin("GET", "/admin/users?reconnect_due_within_days=soon");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(body(bad).get("field").asString()).isEqualTo("reconnect_due_within_days");
		assertThat(body(admin("GET", "/admin/users?sort=name")).get("field").asString()).isEqualTo("sort");
	}

	private void consent(int user, Instant consentedAt) {
		this.jdbc.update("UPDATE spotify_tokens SET consented_at = ?, reconnect_by = ? WHERE user_id = ?",
				java.sql.Timestamp.from(consentedAt),
				java.sql.Timestamp.from(org.spotifymcp.shared.consent.SpotifyConsent.reconnectBy(consentedAt)), user);
	}

	@Test
	void badPagingIsA400NamingTheField() throws Exception {
		HttpResponse<String> size = admin("GET", "/admin/users?size=0");
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(body(size).get("field").asString()).isEqualTo("size");
		HttpResponse<String> page = admin("GET", "/admin/users?page=abc");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(body(page).get("field").asString()).isEqualTo("page");
	}

	@Test
	void showsOneUserWithTokenCheckpointAndCounts() throws Exception {
		int user = insertUser("detail-1", "Detail");
		linkSpotify(user);
		checkpoint(user, "polling", true);
		int track = insertTrack("detail-track");
		insertPlay(user, track, Instant.parse("2025-01-01T10:00:00Z"));
		insertPlay(user, track, Instant.parse("2025-01-02T10:00:00Z"));
		// a 1 s listen is stored but not counted as a play
		this.jdbc.update("insert into plays (played_at, user_id, track_id, ms_played, source)"
				+ " values ('2025-01-03T10:00:00Z', ?, ?, 1000, 2)", user, track);
		this.jdbc.queryForList("select apply_plays_to_rollups(?, '2025-01-03T10:00:00Z', '2025-01-03T10:00:00Z')",
				user);
		HttpResponse<String> response = admin("GET", "/admin/users/" + user);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode detail = body(response);
		assertThat(detail.get("spotify_user_id").asString()).isEqualTo("detail-1");
		assertThat(detail.get("token").get("status").asString()).isEqualTo("valid");
		assertThat(detail.get("checkpoint").get("status").asString()).isEqualTo("polling");
		assertThat(detail.get("counts").get("plays").asLong()).isEqualTo(2);
		assertThat(detail.get("counts").get("skipped_listens").asLong()).isEqualTo(1);
		assertThat(detail.get("counts").get("first_played_at").asString()).isEqualTo("2025-01-01T10:00:00Z");
		assertThat(response.body()).doesNotContain("refresh").doesNotContain("Encrypted");
	}

	@Test
	void unknownAndInvalidIdsAre404And400() throws Exception {
		HttpResponse<String> unknown = admin("GET", "/admin/users/999999");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(body(unknown).get("detail").asString()).contains("999999");
		HttpResponse<String> invalid = admin("GET", "/admin/users/abc");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(body(invalid).get("field").asString()).isEqualTo("id");
		assertThat(admin("GET", "/admin/users/0").statusCode()).isEqualTo(400);
	}

	@Test
	void createsAnImportOnlyUserAndEditsIt() throws Exception {
		HttpResponse<String> created = admin("POST", "/admin/users",
				"{\"display_name\":\"Importer\",\"time_zone\":\"Europe/Berlin\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		int id = body(created).get("id").asInt();
		assertThat(body(created).get("spotify_user_id").isNull()).isTrue();
		assertThat(this.jdbc.queryForObject("select time_zone from users where id = ?", String.class, id))
			.isEqualTo("Europe/Berlin");

		HttpResponse<String> patched = admin("PATCH", "/admin/users/" + id, "{\"time_zone\":\"America/New_York\"}");
		assertThat(patched.statusCode()).isEqualTo(200);
		assertThat(body(patched).get("time_zone").asString()).isEqualTo("America/New_York");
		assertThat(body(patched).get("display_name").asString()).isEqualTo("Importer");
	}

	@Test
	void refusesInvalidUserBodies() throws Exception {
		HttpResponse<String> noName = admin("POST", "/admin/users", "{\"time_zone\":\"UTC\"}");
		assertThat(noName.statusCode()).isEqualTo(400);
		assertThat(body(noName).get("field").asString()).isEqualTo("display_name");
		HttpResponse<String> badZone = admin("POST", "/admin/users",
				"{\"display_name\":\"x\",\"time_zone\":\"Mars/Base\"}");
		assertThat(badZone.statusCode()).isEqualTo(400);
		assertThat(body(badZone).get("field").asString()).isEqualTo("time_zone");
		HttpResponse<String> notJson = admin("POST", "/admin/users", "not json");
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(admin("PATCH", "/admin/users/999999", "{\"display_name\":\"x\"}").statusCode()).isEqualTo(404);
		int user = insertUser(null, "Patchable");
		HttpResponse<String> empty = admin("PATCH", "/admin/users/" + user, "{}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(body(empty).get("field").asString()).isEqualTo("body");
	}

	@Test
	void pauseAndResumeMoveTheCheckpoint() throws Exception {
		int user = insertUser("pause-1", "Pausable");
		linkSpotify(user);
		checkpoint(user, "polling", true);
		HttpResponse<String> paused = admin("POST", "/admin/users/" + user + "/pause");
		assertThat(paused.statusCode()).isEqualTo(200);
		assertThat(body(paused).get("sync_status").asString()).isEqualTo("paused");
		assertThat(checkpointStatus(user)).isEqualTo("paused");
		HttpResponse<String> resumed = admin("POST", "/admin/users/" + user + "/resume");
		assertThat(body(resumed).get("sync_status").asString()).isEqualTo("polling");
		assertThat(checkpointStatus(user)).isEqualTo("polling");
	}

	@Test
	void pausingAUserWithoutCheckpointCreatesOneAndResumeGoesIdle() throws Exception {
		int user = insertUser(null, "No checkpoint");
		assertThat(admin("POST", "/admin/users/" + user + "/pause").statusCode()).isEqualTo(200);
		assertThat(checkpointStatus(user)).isEqualTo("paused");
		assertThat(body(admin("POST", "/admin/users/" + user + "/resume")).get("sync_status").asString())
			.isEqualTo("idle");
		assertThat(admin("POST", "/admin/users/999999/pause").statusCode()).isEqualTo(404);
		assertThat(admin("POST", "/admin/users/x/resume").statusCode()).isEqualTo(400);
	}

	@Test
	void syncRequestsQueueCollectorTasks() throws Exception {
		int user = insertUser("sync-1", "Syncable");
		linkSpotify(user);
		checkpoint(user, "polling", true);
		HttpResponse<String> poll = admin("POST", "/admin/users/" + user + "/trigger-sync");
		assertThat(poll.statusCode()).isEqualTo(202);
		HttpResponse<String> initial = admin("POST", "/admin/users/" + user + "/initial-sync");
		assertThat(initial.statusCode()).isEqualTo(202);
		assertThat(this.jdbc.queryForList(
				"select task_name from scheduled_tasks where task_instance = ? and execution_time <= now() order by 1",
				String.class, String.valueOf(user)))
			.containsExactly("initial-sync", "poll-user");
	}

	@Test
	void syncRequestsAreRefusedForImportOnlyOrPausedUsers() throws Exception {
		int importOnly = insertUser(null, "Import only");
		HttpResponse<String> refused = admin("POST", "/admin/users/" + importOnly + "/trigger-sync");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(body(refused).get("detail").asString()).contains("Spotify");
		int paused = insertUser("paused-sync", "Paused");
		linkSpotify(paused);
		checkpoint(paused, "paused", true);
		assertThat(admin("POST", "/admin/users/" + paused + "/initial-sync").statusCode()).isEqualTo(409);
		assertThat(admin("POST", "/admin/users/999999/initial-sync").statusCode()).isEqualTo(404);
		assertThat(admin("POST", "/admin/users/-1/trigger-sync").statusCode()).isEqualTo(400);
	}

	@Test
	void deleteRemovesTheUserAndEverythingOfTheirs() throws Exception {
		int user = insertUser("delete-1", "Doomed");
		linkSpotify(user);
		checkpoint(user, "polling", true);
		int track = insertTrack("delete-track");
		insertPlay(user, track, Instant.parse("2025-02-01T10:00:00Z"));
		this.jdbc.update("insert into job_runs (job_type, user_id, status) values ('poll', ?, 'success')", user);
		this.jdbc.update("insert into import_jobs (user_id, original_filename, stored_path) values (?, 'a.zip', '')",
				user);
		this.jdbc.update("insert into mcp_tokens (user_id, name, token_hash, token_prefix) values (?, 'n', ?, 'p')",
				user, "hash-" + user);
		assertThat(admin("POST", "/admin/users/" + user + "/trigger-sync").statusCode()).isEqualTo(202);
		assertThat(
				this.jdbc.queryForObject("select count(*) from user_track_totals where user_id = ?", Long.class, user))
			.as("the analytics rollups saw the play")
			.isEqualTo(1);

		HttpResponse<String> deleted = admin("DELETE", "/admin/users/" + user);
		assertThat(deleted.statusCode()).isEqualTo(204);
		for (String table : new String[] { "plays", "spotify_tokens", "sync_checkpoints", "job_runs", "import_jobs",
				"mcp_tokens", "play_hour_totals", "play_month_tracks", "user_track_totals" }) {
			assertThat(
					this.jdbc.queryForObject("select count(*) from " + table + " where user_id = ?", Long.class, user))
				.as(table)
				.isZero();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Long.class,
				String.valueOf(user)))
			.isZero();
		assertThat(admin("GET", "/admin/users/" + user).statusCode()).isEqualTo(404);
		assertThat(admin("DELETE", "/admin/users/" + user).statusCode()).isEqualTo(404);
		assertThat(admin("DELETE", "/admin/users/abc").statusCode()).isEqualTo(400);
	}

	@Test
	void syncStatusShowsEveryUser() throws Exception {
		int user = insertUser("status-1", "Status");
		linkSpotify(user);
		checkpoint(user, "error", true);
		this.jdbc.update("update sync_checkpoints set consecutive_failures = 3, last_error = 'boom' where user_id = ?",
				user);
		HttpResponse<String> response = admin("GET", "/admin/sync-status");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode mine = null;
		for (JsonNode row : body(response).get("items")) {
			if (row.get("user_id").asInt() == user) {
				mine = row;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("sync_status").asString()).isEqualTo("error");
		assertThat(mine.get("consecutive_failures").asInt()).isEqualTo(3);
		assertThat(mine.get("last_error").asString()).isEqualTo("boom");
		assertThat(mine.get("spotify_linked").asBoolean()).isTrue();
	}

	private String checkpointStatus(int user) {
		return this.jdbc.queryForObject("select status from sync_checkpoints where user_id = ?", String.class, user);
	}

}
