package org.spotifymcp.api.me;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spotifymcp.api.admin.AdminApiTestSupport;
import org.spotifymcp.shared.mcptokens.McpTokenService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Top-hits playlists on the listener's settings page: turning a kind on with a login that
 * lacks {@code playlist-modify-private} asks for a reconnect and queues nothing; once the
 * scope is granted "update now" queues the collector's task; every form needs the CSRF
 * token and touches only the listener's own settings.
 */
class PlaylistSettingsTest extends AdminApiTestSupport {

	@Autowired
	McpTokenService tokens;

	/** A configured Spotify app, so {@code /auth/login} redirects to its consent page. */
	@DynamicPropertySource
	static void spotifyApp(DynamicPropertyRegistry registry) {
		registry.add("app.spotify.client-id", () -> "playlist-settings-test");
		registry.add("app.spotify.client-secret", () -> "secret");
	}

	@Test
	void turningPlaylistsOnAsksToReconnectUntilTheScopeIsGranted() throws Exception {
		int cleo = ListenerFixtures.listenerWithHistory(this.jdbc, "Cleo");
		this.jdbc.update("insert into spotify_tokens (user_id, refresh_token_encrypted, scope)"
				+ " values (?, 'x', 'user-read-recently-played user-top-read')", cleo);
		ListenerClient browser = new ListenerClient(this.port).signIn(this.tokens.issue(cleo, "cleo").secret());
		String page = browser.get("/me/settings").body();
		assertThat(page).contains("id=\"playlists-form\"")
			.contains("Top of this week")
			.contains("On repeat")
			.doesNotContain("id=\"playlists-reconnect\"")
			.doesNotContain("id=\"update-playlists\"");

		HttpResponse<String> forged = browser.post("/me/settings/playlists",
				Map.of("_csrf", "forged", "kinds", "weekly"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("select count(*) from playlist_settings where user_id = ?", Integer.class,
				cleo))
			.isZero();

		HttpResponse<String> saved = browser.post("/me/settings/playlists", Map.of("kinds", "weekly", "size", "20"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForMap("select weekly, monthly, size from playlist_settings where user_id = ?", cleo))
			.containsEntry("weekly", true)
			.containsEntry("monthly", false)
			.containsEntry("size", 20);
		String after = browser.get("/me/settings").body();
		assertThat(after).contains("id=\"playlists-reconnect\"")
			.contains("/auth/login?playlists=true")
			.contains("Reconnect Spotify to allow writing playlists");
		assertThat(queued(cleo)).isZero();
		browser.post("/me/settings/playlists/update", Map.of());
		assertThat(browser.get("/me/settings").body()).contains("lacks playlist-modify-private");
		assertThat(queued(cleo)).isZero();

		// the listener reconnected and granted the scope
		this.jdbc.update("update spotify_tokens set scope = scope || ' playlist-modify-private' where user_id = ?",
				cleo);
		assertThat(browser.get("/me/settings").body()).doesNotContain("id=\"playlists-reconnect\"");
		assertThat(browser.post("/me/settings/playlists/update", Map.of()).statusCode()).isEqualTo(302);
		assertThat(queued(cleo)).isOne();
		assertThat(browser.get("/me/settings").body()).contains("being updated");

		// signed in with a playlist on, any Spotify login asks for the playlist scope too
		HttpResponse<String> login = browser.get("/auth/login");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(ListenerClient.location(login)).contains("playlist-modify-private");
		assertThat(ListenerClient.location(new ListenerClient(this.port).get("/auth/login")))
			.as("a stranger's login is unchanged")
			.doesNotContain("playlist-modify-private");

		HttpResponse<String> tooBig = browser.post("/me/settings/playlists", Map.of("kinds", "weekly", "size", "99"));
		assertThat(tooBig.statusCode()).isEqualTo(302);
		assertThat(browser.get("/me/settings").body()).contains("size must be between 1 and 50");
	}

	private int queued(int user) {
		return this.jdbc.queryForObject(
				"select count(*) from scheduled_tasks where task_name = 'update-playlists' and task_instance = ?",
				Integer.class, String.valueOf(user));
	}

}
