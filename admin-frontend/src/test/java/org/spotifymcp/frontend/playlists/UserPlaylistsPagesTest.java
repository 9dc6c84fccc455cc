package org.spotifymcp.frontend.playlists;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.frontend.web.SignedInAdmin;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top-hits playlist panel of the admin user page over HTTP, logged in: it shows the
 * ledger (playlist, updates, the message of a kind the collector turned off), turns kinds
 * on and off, asks for a reconnect when the login lacks the playlist scope, and queues
 * "update now" on the job engine; the forms need the CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserPlaylistsPagesTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private SignedInAdmin admin;

	@BeforeAll
	void logIn() throws Exception {
		this.admin = SignedInAdmin.logIn(this.port);
	}

	@Test
	void theUserPageShowsTheLedgerTurnsKindsOnAndQueuesAnUpdate() throws Exception {
		int user = insertUser("user-read-recently-played playlist-modify-private");
		this.jdbc.update("insert into playlist_settings (user_id, weekly, size) values (?, true, 50)", user);
		this.jdbc.update("insert into playlist_ledger (user_id, kind, spotify_playlist_id, created_at, last_updated_at,"
				+ " track_count) values (?, 'weekly', 'AbCdEfGhIjKlMnOpQrStUv', now() - interval '8 days',"
				+ " now() - interval '2 days', 37)", user);
		this.jdbc.update("insert into playlist_ledger (user_id, kind, recreated_count, disabled_reason, disabled_at)"
				+ " values (?, 'monthly', 1, 'The playlist \"Top of this month\" was deleted in Spotify again', now())",
				user);

		String page = get("/users/" + user).body();
		String panel = page.substring(page.indexOf("id=\"playlists\""));
		assertThat(panel).contains("href=\"https://open.spotify.com/playlist/AbCdEfGhIjKlMnOpQrStUv\"")
			.contains(">37</td>")
			.contains("2 days ago")
			.contains("was deleted in Spotify again")
			.contains("id=\"update-playlists\"")
			.doesNotContain("id=\"playlists-reconnect\"");
		assertThat(tag(panel, "kind-weekly")).contains("checked");
		assertThat(tag(panel, "kind-monthly")).doesNotContain("checked");

		assertThat(post("/users/" + user + "/playlists", "kinds=monthly", null).statusCode()).as("no CSRF token")
			.isEqualTo(403);
		HttpResponse<String> saved = post("/users/" + user + "/playlists", "kinds=weekly&kinds=monthly&size=30",
				csrfOf(get("/users/" + user)));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/users/" + user + "#playlists");
		Map<String, Object> settings = this.jdbc
			.queryForMap("select weekly, monthly, yearly, size from playlist_settings where user_id = ?", user);
		assertThat(settings).containsEntry("weekly", true)
			.containsEntry("monthly", true)
			.containsEntry("yearly", false)
			.containsEntry("size", 30);
		assertThat(this.jdbc.queryForMap("select recreated_count, disabled_reason, spotify_playlist_id"
				+ " from playlist_ledger where user_id = ? and kind = 'monthly'", user))
			.as("turned on again by hand, the kind starts over")
			.containsEntry("recreated_count", 0)
			.containsEntry("disabled_reason", null)
			.containsEntry("spotify_playlist_id", null);
		assertThat(queued(user)).isOne();

		this.jdbc.update("delete from scheduled_tasks where task_instance = ? and task_name = 'update-playlists'",
				String.valueOf(user));
		HttpResponse<String> update = post("/users/" + user + "/playlists/update", "", csrfOf(get("/users/" + user)));
		assertThat(update.statusCode()).isEqualTo(302);
		assertThat(queued(user)).isOne();
		assertThat(get("/users/" + user).body()).contains("Playlist update queued for user " + user);
	}

	@Test
	void aLoginWithoutThePlaylistScopeIsShownAsNeedingAReconnect() throws Exception {
		int user = insertUser("user-read-recently-played user-top-read");
		HttpResponse<String> saved = post("/users/" + user + "/playlists", "kinds=on_repeat",
				csrfOf(get("/users/" + user)));
		assertThat(saved.statusCode()).isEqualTo(302);
		String page = get("/users/" + user).body();
		assertThat(page).contains("id=\"playlists-reconnect\"")
			.contains("/auth/login?playlists=true")
			.contains("must reconnect");
		assertThat(queued(user)).isZero();
		post("/users/" + user + "/playlists/update", "", csrfOf(get("/users/" + user)));
		assertThat(get("/users/" + user).body()).contains("lacks playlist-modify-private");
		assertThat(queued(user)).isZero();
	}

	/** The HTML tag that carries an id. */
	private static String tag(String html, String id) {
		int at = html.indexOf("id=\"" + id + "\"");
		return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
	}

	private int insertUser(String scope) {
		int user = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name) values (?, 'Pia') returning id", Integer.class,
				"pia-" + UUID.randomUUID());
		this.jdbc.update("insert into spotify_tokens (user_id, refresh_token_encrypted, scope) values (?, 'x', ?)",
				user, scope);
		return user;
	}

	private int queued(int user) {
		return this.jdbc.queryForObject(
				"select count(*) from scheduled_tasks where task_name = 'update-playlists' and task_instance = ?",
				Integer.class, String.valueOf(user));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.admin.get(path);
	}

	private HttpResponse<String> post(String path, String form, String csrf) throws Exception {
		return this.admin.post(path, form, csrf);
	}

	private static String csrfOf(HttpResponse<String> page) {
		return SignedInAdmin.csrfOf(page);
	}

}
