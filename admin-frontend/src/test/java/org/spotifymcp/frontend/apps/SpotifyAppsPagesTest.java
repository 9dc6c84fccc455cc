package org.spotifymcp.frontend.apps;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.shared.crypto.TokenCipher;
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
 * The admin UI's Spotify apps over HTTP, logged in: add an app (secret stored encrypted,
 * never shown), attach users, refuse removing an app with users, rotate its secret,
 * create an invite whose link is shown once, revoke one; the dashboard compares each
 * app's users with the development-mode cap of 5 (amber at 5, red above).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.ops.api-base-url=https://music.example.com")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpotifyAppsPagesTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenCipher cipher;

	private SignedInAdmin admin;

	@BeforeAll
	void logIn() throws Exception {
		this.admin = SignedInAdmin.logIn(this.port);
	}

	@Test
	void anAppIsAddedUsersAttachedAndItIsRemovedOnlyWithoutUsers() throws Exception {
		String csrf = csrfOf(get("/spotify-apps"));
		HttpResponse<String> added = post("/spotify-apps",
				"label=Family&client_id=ui-app-1&client_secret=ui-secret-value-1", csrf);
		assertThat(added.statusCode()).isEqualTo(302);
		int app = this.jdbc.queryForObject("SELECT id FROM spotify_apps WHERE client_id = 'ui-app-1'", Integer.class);
		String stored = this.jdbc.queryForObject("SELECT client_secret_encrypted FROM spotify_apps WHERE id = ?",
				String.class, app);
		assertThat(stored).doesNotContain("ui-secret-value-1");
		assertThat(this.cipher.decrypt(stored)).isEqualTo("ui-secret-value-1");
		String page = get("/spotify-apps").body();
		assertThat(page).contains("Spotify app Family (ui-app-1) added")
			.contains("id=\"spotify-app-" + app + "\"")
			.doesNotContain("ui-secret-value-1");

		int ann = insertUser("Ann", true);
		int ben = insertUser("Ben", false);
		assertThat(post("/spotify-apps/" + app + "/attach", "user_id=" + ann + "&user_id=" + ben, csrf).statusCode())
			.isEqualTo(302);
		assertThat(
				this.jdbc.queryForList("SELECT id FROM users WHERE spotify_app_id = ? ORDER BY id", Integer.class, app))
			.containsExactly(ann, ben);
		assertThat(get("/spotify-apps").body()).contains("must reconnect: send them an invite")
			.contains("1 connected of 2 attached");
		String label = this.jdbc.queryForObject("SELECT label FROM spotify_apps WHERE id = ?", String.class, app);
		assertThat(get("/users/" + ann).body()).contains("Spotify app: <a href=\"/spotify-apps\">" + label + "</a>");

		assertThat(post("/spotify-apps/" + app + "/delete", "", csrf).statusCode()).isEqualTo(302);
		assertThat(get("/spotify-apps").body()).contains("still has 2 attached user(s)");
		assertThat(count("spotify_apps WHERE id = " + app)).isOne();

		assertThat(act("/spotify-apps/" + app + "/rotate", "client_secret=ui-secret-value-2", csrf))
			.contains("users keep their tokens");
		assertThat(this.cipher.decrypt(this.jdbc
			.queryForObject("SELECT client_secret_encrypted FROM spotify_apps WHERE id = ?", String.class, app)))
			.isEqualTo("ui-secret-value-2");

		assertThat(act("/spotify-apps/" + app + "/users/" + ann + "/detach", "", csrf))
			.contains("User " + ann + " uses the default app again.");
		act("/spotify-apps/" + app + "/users/" + ben + "/detach", "", csrf);
		assertThat(act("/spotify-apps/" + app + "/delete", "", csrf)).contains("Spotify app Family removed.");
		assertThat(count("spotify_apps WHERE id = " + app)).isZero();

		// bad input comes back as the page's problem, naming the field
		assertThat(act("/spotify-apps", "label=&client_id=ui-app-x&client_secret=s", csrf))
			.contains("label is required");
	}

	@Test
	void anInviteLinkIsShownOnceAndCanBeRevoked() throws Exception {
		String csrf = csrfOf(get("/spotify-apps"));
		act("/spotify-apps", "label=Invites&client_id=ui-app-2&client_secret=s2", csrf);
		int app = this.jdbc.queryForObject("SELECT id FROM spotify_apps WHERE client_id = 'ui-app-2'", Integer.class);

		assertThat(post("/invites", "app_id=" + app + "&expires_in_hours=24&note=for+Kim", csrf).statusCode())
			.isEqualTo(302);
		String page = get("/spotify-apps").body();
		Matcher link = Pattern.compile("value=\"(https://music\\.example\\.com/auth/login\\?invite=([A-Za-z0-9_-]+))\"")
			.matcher(page);
		assertThat(link.find()).as("the invite link is on the page").isTrue();
		assertThat(page).contains("id=\"copy-invite\"").contains("not shown again").contains("/js/copy-link.js");
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(link.group(2).getBytes(StandardCharsets.UTF_8)));
		long invite = this.jdbc.queryForObject(
				"SELECT id FROM spotify_app_invites WHERE token_hash = ? AND spotify_app_id = ? AND note = 'for Kim'",
				Long.class, hash, app);
		assertThat(get("/spotify-apps").body()).as("shown once").doesNotContain(link.group(2));

		assertThat(act("/invites/" + invite + "/revoke", "", csrf)).contains("Invite " + invite + " revoked");
		assertThat(this.jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM spotify_app_invites WHERE id = ?",
				Boolean.class, invite))
			.isTrue();
		assertThat(get("/js/copy-link.js").statusCode()).isEqualTo(200);
	}

	@Test
	void theDashboardComparesEachAppsUsersWithTheCapOfFive() throws Exception {
		String csrf = csrfOf(get("/spotify-apps"));
		act("/spotify-apps", "label=Full&client_id=ui-app-full&client_secret=s", csrf);
		act("/spotify-apps", "label=Over&client_id=ui-app-over&client_secret=s", csrf);
		int full = this.jdbc.queryForObject("SELECT id FROM spotify_apps WHERE client_id = 'ui-app-full'",
				Integer.class);
		int over = this.jdbc.queryForObject("SELECT id FROM spotify_apps WHERE client_id = 'ui-app-over'",
				Integer.class);
		for (int i = 0; i < 5; i++) {
			attachConnected(insertUser("full-" + i, true), full);
		}
		for (int i = 0; i < 6; i++) {
			attachConnected(insertUser("over-" + i, true), over);
		}

		String dashboard = get("/").body();
		String table = dashboard.substring(dashboard.indexOf("id=\"app-usage-table\""));
		String fullRow = row(table, "usage-app-" + full);
		String overRow = row(table, "usage-app-" + over);
		assertThat(fullRow).contains("at-cap").contains("5 / 5").contains("meter-warn").contains("width: 100%");
		assertThat(overRow).contains("over-cap").contains("6 / 5").contains("meter-error").contains("over the cap");
		assertThat(row(table, "usage-default")).contains("Default app (SPOTIFY_CLIENT_ID)");
		assertThat(get("/spotify-apps").body()).contains("id=\"app-usage-table\"");
	}

	/**
	 * Posts a form and reads the page it leads to, where the flash message shows once.
	 */
	private String act(String path, String form, String csrf) throws Exception {
		assertThat(post(path, form, csrf).statusCode()).isEqualTo(302);
		return get("/spotify-apps").body();
	}

	private void attachConnected(int user, int app) {
		this.jdbc.update("UPDATE users SET spotify_app_id = ? WHERE id = ?", app, user);
	}

	private static String row(String table, String id) {
		int start = table.indexOf("id=\"" + id + "\"");
		assertThat(start).as(id).isNotNegative();
		return table.substring(start, table.indexOf("</tr>", start));
	}

	private int insertUser(String name, boolean connected) {
		int id = this.jdbc.queryForObject(
				"INSERT INTO users (spotify_user_id, display_name) VALUES (?, ?) RETURNING id", Integer.class,
				connected ? "sp-" + name + "-" + System.nanoTime() : null, name);
		if (connected) {
			this.jdbc.update(
					"INSERT INTO spotify_tokens (user_id, refresh_token_encrypted, scope) VALUES (?, 'x', 's')", id);
		}
		return id;
	}

	private long count(String tableAndCondition) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + tableAndCondition, Long.class);
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
