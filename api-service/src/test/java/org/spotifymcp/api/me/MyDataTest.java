package org.spotifymcp.api.me;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spotifymcp.api.admin.AdminApiTestSupport;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * My data: the JSON download is re-imported into a fresh user with identical counts
 * (through the same upload and importer as any export), the other formats hold every
 * play, admins get the same streams, and deleting the account removes exactly the
 * listener's data.
 */
class MyDataTest extends AdminApiTestSupport {

	private static final String COUNTS = "select count(*) as plays, count(distinct track_id) as tracks,"
			+ " coalesce(sum(ms_played), 0) as ms, count(ms_played) as with_ms, min(played_at) as first,"
			+ " max(played_at) as last from plays where user_id = ?";

	@Autowired
	McpTokenService tokens;

	@Autowired
	ExportImporter importer;

	@Test
	void theJsonDownloadReimportsIntoAFreshUserWithIdenticalCounts() throws Exception {
		int source = ListenerFixtures.listenerWithHistory(this.jdbc, "Roundtrip");
		ListenerClient owner = new ListenerClient(this.port).signIn(this.tokens.issue(source, "t").secret());
		HttpResponse<byte[]> download = owner.download("/me/data/export?format=json");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains("attachment").contains(".json"));
		JsonNode plays = json.readTree(download.body());
		assertThat(plays.size()).isEqualTo(41);
		assertThat(plays.get(0).get("ts").asString()).isEqualTo("2024-03-02T08:00:00Z");
		assertThat(plays.get(0).get("spotify_track_uri").asString()).startsWith("spotify:track:");
		assertThat(plays.get(0).get("artists").size()).isEqualTo(2);

		int fresh = this.jdbc.queryForObject(
				"insert into users (display_name, time_zone) values ('Fresh', 'UTC')" + " returning id", Integer.class);
		ListenerClient newcomer = new ListenerClient(this.port).signIn(this.tokens.issue(fresh, "t").secret());
		newcomer.get("/me/data");
		HttpResponse<String> uploaded = newcomer.upload("/me/data/import", "listening-history.json", download.body());
		assertThat(uploaded.statusCode()).isEqualTo(302);
		long job = this.jdbc.queryForObject("select id from import_jobs where user_id = ?", Long.class, fresh);
		assertThat(newcomer.get("/me/data").body()).contains("import-progress-" + job).contains("hx-get");
		this.importer.run(job);
		assertThat(this.jdbc.queryForObject("select status from import_jobs where id = ?", String.class, job))
			.isEqualTo("success");
		assertThat(newcomer.get("/me/data/imports/" + job + "/progress").body()).contains("data-status=\"success\"")
			.doesNotContain("hx-get");
		assertThat(this.jdbc.queryForMap(COUNTS, fresh)).isEqualTo(this.jdbc.queryForMap(COUNTS, source));
		assertThat(this.jdbc.queryForList("select t.spotify_id from plays p join tracks t on t.id = p.track_id"
				+ " where p.user_id = ? order by p.played_at", String.class, fresh))
			.isEqualTo(this.jdbc.queryForList("select t.spotify_id from plays p join tracks t on t.id = p.track_id"
					+ " where p.user_id = ? order by p.played_at", String.class, source));
	}

	@Test
	void csvAndListenBrainzHoldEveryPlayAndAdminsGetTheSameStreams() throws Exception {
		int user = ListenerFixtures.listenerWithHistory(this.jdbc, "Formats");
		ListenerClient listener = new ListenerClient(this.port).signIn(this.tokens.issue(user, "t").secret());
		String csv = new String(listener.download("/me/data/export?format=csv").body(), StandardCharsets.UTF_8);
		assertThat(csv.split("\n")).hasSize(42);
		assertThat(csv).startsWith("played_at,ms_played,track,artists,album,spotify_track_uri,source\n")
			.contains("Formats Duet,Formats Artist; Formats Guest,Formats Album,spotify:track:");
		String lines = new String(listener.download("/me/data/export?format=listenbrainz").body(),
				StandardCharsets.UTF_8);
		assertThat(lines.split("\n")).hasSize(41);
		JsonNode first = json.readTree(lines.split("\n")[0]);
		assertThat(first.get("listened_at").asLong()).isEqualTo(1709366400L);
		assertThat(first.get("track_metadata").get("track_name").asString()).isEqualTo("Formats Duet");

		HttpResponse<String> admin = call("GET", "/admin/users/" + user + "/export?format=csv", ADMIN, null);
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo(csv);
		assertThat(call("GET", "/admin/users/" + user + "/export?format=xml", ADMIN, null).statusCode()).isEqualTo(400);
		assertThat(call("GET", "/admin/users/999999/export", ADMIN, null).statusCode()).isEqualTo(404);
		assertThat(call("GET", "/admin/users/" + user + "/export", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void deletingTheAccountNeedsTheTypedConfirmationAndRemovesOnlyThisListener() throws Exception {
		int leaving = ListenerFixtures.listenerWithHistory(this.jdbc, "Leaving");
		int staying = ListenerFixtures.listenerWithHistory(this.jdbc, "Staying");
		ListenerClient listener = new ListenerClient(this.port).signIn(this.tokens.issue(leaving, "t").secret());
		listener.get("/me/data");
		HttpResponse<String> careless = listener.post("/me/data/delete", Map.of("confirm", "yes"));
		assertThat(careless.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class, leaving))
			.isEqualTo(41);
		listener.get("/me/data");
		HttpResponse<String> deleted = listener.post("/me/data/delete", Map.of("confirm", "Delete my account"));
		assertThat(ListenerClient.location(deleted)).endsWith("/me/sign-in?deleted");
		assertThat(this.jdbc.queryForObject("select count(*) from users where id = ?", Integer.class, leaving))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class, leaving))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("select count(*) from mcp_tokens where user_id = ?", Integer.class, leaving))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class, staying))
			.isEqualTo(41);
		assertThat(listener.get("/me").statusCode()).isEqualTo(302);
	}

}
