package org.spotifymcp.api.me;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.api.admin.AdminApiTestSupport;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
import org.spotifymcp.shared.mcptokens.McpTokenService;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two listeners on one server: every {@code /me} route shows each only their own data,
 * refuses strangers, and every form needs the session's CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerAccessTest extends AdminApiTestSupport {

	private static final List<String> PAGES = List.of("/me", "/me/stats?range=all", "/me/stats?range=all&by=minutes",
			"/me/stats?range=custom&from=2024-03-01&to=2024-04-30",
			"/me/compare?aFrom=2024-03-01&aTo=2024-03-10" + "&bFrom=2024-03-11&bTo=2024-04-30", "/me/wrapped?year=2024",
			"/me/artist?name=Nobody", "/me/history", "/me/history?q=song", "/me/assistant", "/me/data", "/me/settings",
			"/me/data/export?format=json", "/me/data/export?format=csv", "/me/data/export?format=listenbrainz");

	@Autowired
	McpTokenService tokens;

	private int ada;

	private int bob;

	private String adaToken;

	private String bobToken;

	@BeforeAll
	void seed() {
		this.ada = ListenerFixtures.listenerWithHistory(this.jdbc, "Adaq");
		this.bob = ListenerFixtures.listenerWithHistory(this.jdbc, "Bobz");
		this.adaToken = this.tokens.issue(this.ada, "ada").secret();
		this.bobToken = this.tokens.issue(this.bob, "bob").secret();
	}

	@Test
	void everyPageShowsOnlyTheSignedInListenersData() throws Exception {
		ListenerClient ada = new ListenerClient(this.port).signIn(this.adaToken);
		ListenerClient bob = new ListenerClient(this.port).signIn(this.bobToken);
		for (String page : PAGES) {
			String adaSees = body(ada, page);
			String bobSees = body(bob, page);
			assertThat(adaSees).as(page).doesNotContain("Bobz");
			assertThat(bobSees).as(page).doesNotContain("Adaq");
			if (!page.startsWith("/me/assistant") && !page.startsWith("/me/settings") && !page.startsWith("/me/data?")
					&& !page.equals("/me/data") && !page.startsWith("/me/compare") && !page.startsWith("/me/artist")) {
				assertThat(adaSees).as(page).contains("Adaq");
				assertThat(bobSees).as(page).contains("Bobz");
			}
		}
		assertThat(body(ada, "/me")).contains("41");
		// an artist page counts only the listener's own plays of that artist
		assertThat(body(ada, "/me/artist?name=Adaq%20Artist")).contains("id=\"item-plays\">41<");
		assertThat(body(bob, "/me/artist?name=Adaq%20Artist")).contains("You have not played this artist")
			.doesNotContain("item-plays");
	}

	@Test
	void trackAndAlbumPagesShowOnlyTheListenersOwnPlays() throws Exception {
		ListenerClient ada = new ListenerClient(this.port).signIn(this.adaToken);
		ListenerClient bob = new ListenerClient(this.port).signIn(this.bobToken);
		String adaDuet = "/me/tracks/" + spotifyId("tracks", "Adaq Duet");
		String adaLocal = "/me/tracks/" + spotifyId("tracks", "Adaq Local Song");
		String adaAlbum = "/me/albums/" + spotifyId("albums", "Adaq Album");
		String duet = body(ada, adaDuet);
		assertThat(duet).contains("id=\"item-plays\">20<")
			.contains("Adaq Artist")
			.contains("Adaq Guest")
			.contains("/me/albums/" + spotifyId("albums", "Adaq Album"))
			.contains("data-chart=");
		// an export-only track's local id works as a path
		assertThat(body(ada, adaLocal)).contains("id=\"item-plays\">20<");
		String album = body(ada, adaAlbum);
		assertThat(album).contains("id=\"item-plays\">41<").contains("Adaq Plain Song").contains("Adaq Duet");
		// the other listener never played them: not found, and nothing of Ada's shows
		for (String page : List.of(adaDuet, adaLocal, adaAlbum, "/me/tracks/no-such-track")) {
			HttpResponse<String> response = bob.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(404);
			assertThat(response.body()).as(page).doesNotContain("Adaq").contains("You have not played this");
		}
		for (String page : List.of(adaDuet, adaAlbum)) {
			HttpResponse<String> stranger = new ListenerClient(this.port).get(page);
			assertThat(stranger.statusCode()).as(page).isEqualTo(302);
			assertThat(ListenerClient.location(stranger)).as(page).endsWith("/me/sign-in");
		}
	}

	@Test
	void rankingByListeningTimeConsidersEveryTrackOfTheWindow() throws Exception {
		int carl = this.jdbc.queryForObject(
				"insert into users (display_name, time_zone) values ('Carl', 'UTC') returning id", Integer.class);
		int artist = this.jdbc.queryForObject(
				"insert into artists (spotify_id, name) values ('carl-artist', 'Carl Artist') returning id",
				Integer.class);
		// 55 tracks played twice for 40 s push the one long listen below the 50 most
		// played
		for (int i = 0; i <= 55; i++) {
			int track = this.jdbc.queryForObject(
					"insert into tracks (spotify_id, name, duration_ms)" + " values (?, ?, 3000000) returning id",
					Integer.class, "carl-track-" + i, (i == 55) ? "Carl Long Piece" : "Carl Short " + i);
			this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (?, 0, ?)", track,
					artist);
			int plays = (i == 55) ? 1 : 2;
			for (int p = 0; p < plays; p++) {
				this.jdbc.update(
						"insert into plays (user_id, played_at, track_id, ms_played, source) values"
								+ " (?, timestamptz '2024-05-01T08:00Z' + make_interval(mins => ?), ?, ?, 2)",
						carl, i * 10 + p, track, (i == 55) ? 2_400_000 : 40_000);
			}
		}
		org.spotifymcp.shared.testing.RollupChecks.apply(this.jdbc, carl);
		ListenerClient client = new ListenerClient(this.port).signIn(this.tokens.issue(carl, "carl").secret());
		String byTime = topTracks(body(client, "/me/stats?range=all&by=minutes"));
		assertThat(byTime.indexOf("Carl Long Piece")).as("the long listen leads by time")
			.isPositive()
			.isLessThan(byTime.indexOf("Carl Short 0"));
		assertThat(topTracks(body(client, "/me/stats?range=all"))).contains("Carl Short 0")
			.doesNotContain("Carl Long Piece");
	}

	private static String topTracks(String page) {
		String list = page.substring(page.indexOf("id=\"top-tracks\""));
		return list.substring(0, list.indexOf("</ol>"));
	}

	private String spotifyId(String table, String name) {
		return this.jdbc.queryForObject("select spotify_id from " + table + " where name = ?", String.class, name);
	}

	/**
	 * Spotify gives many artists no genres: the wrapped page says genres are unavailable
	 * instead of showing an empty list, and lists them once the collector filled them.
	 */
	@Test
	void wrappedSaysGenresUnavailableUntilTheyAreFilled() throws Exception {
		ListenerClient ada = new ListenerClient(this.port).signIn(this.adaToken);
		assertThat(body(ada, "/me/wrapped?year=2024")).containsPattern("id=\"wrapped-genres\"[^>]*>genres unavailable<")
			.contains("not yet looked up on Spotify");
		ArtistDetailsStore details = new ArtistDetailsStore(this.jdbc);
		for (int artist : this.jdbc.queryForList(
				"select a.id from artists a join track_artists ta on ta.artist_id = a.id"
						+ " join plays p on p.track_id = ta.track_id where p.user_id = ? group by a.id",
				Integer.class, this.ada)) {
			details.save(artist, List.of("chillwave"), null, java.time.Instant.now());
		}
		assertThat(body(ada, "/me/wrapped?year=2024")).containsPattern("id=\"wrapped-genres\"[^>]*>chillwave<");
	}

	@Test
	void anotherListenersImportsAndTokensAreNotFound() throws Exception {
		long bobsJob = this.jdbc.queryForObject(
				"insert into import_jobs (user_id, status, original_filename,"
						+ " stored_path) values (?, 'running', 'bobz.zip', '/nowhere') returning id",
				Long.class, this.bob);
		long bobsToken = this.tokens.listFor(this.bob).get(0).getId();
		ListenerClient ada = new ListenerClient(this.port).signIn(this.adaToken);
		assertThat(ada.get("/me/data/imports/" + bobsJob + "/progress").statusCode()).isEqualTo(404);
		ada.get("/me/assistant");
		assertThat(ada.post("/me/assistant/tokens/" + bobsToken + "/revoke", Map.of()).statusCode()).isEqualTo(404);
		assertThat(this.tokens.listFor(this.bob).get(0).isActive()).isTrue();
		ListenerClient bob = new ListenerClient(this.port).signIn(this.bobToken);
		assertThat(bob.get("/me/data/imports/" + bobsJob + "/progress").body()).contains("import-progress-" + bobsJob);
	}

	@Test
	void strangersAreSentToSignInAndFormsNeedTheCsrfToken() throws Exception {
		ListenerClient stranger = new ListenerClient(this.port);
		for (String page : PAGES) {
			HttpResponse<String> response = stranger.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(ListenerClient.location(response)).as(page).endsWith("/me/sign-in");
		}
		assertThat(stranger.get("/me/sign-in").body()).contains("Sign in with Spotify").contains("/auth/login");
		HttpResponse<String> wrong = stranger.post("/me/sign-in", Map.of("token", "smcp_not-a-token"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("unknown or revoked");

		ListenerClient ada = new ListenerClient(this.port).signIn(this.adaToken);
		HttpResponse<String> forged = ada.post("/me/settings",
				Map.of("_csrf", "forged", "displayName", "Hacked", "timeZone", "UTC"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("select display_name from users where id = ?", String.class, this.ada))
			.isEqualTo("Adaq");
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/me/sign-in"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("LISTENER_SESSION=")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
	}

	@Test
	void settingsChangeOnlyTheListenersOwnAccount() throws Exception {
		ListenerClient bob = new ListenerClient(this.port).signIn(this.bobToken);
		bob.get("/me/settings");
		HttpResponse<String> saved = bob.post("/me/settings",
				Map.of("displayName", "Bobz Renamed", "timeZone", "America/New_York"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForMap("select display_name, time_zone from users where id = ?", this.bob))
			.containsEntry("display_name", "Bobz Renamed")
			.containsEntry("time_zone", "America/New_York");
		assertThat(this.jdbc.queryForObject("select time_zone from users where id = ?", String.class, this.ada))
			.isEqualTo("Europe/Berlin");
		bob.get("/me/settings");
		assertThat(bob.post("/me/settings", Map.of("timeZone", "Mars/Olympus")).statusCode()).isEqualTo(302);
		assertThat(bob.get("/me/settings").body()).contains("class=\"flash problem\"");
		assertThat(this.jdbc.queryForObject("select time_zone from users where id = ?", String.class, this.bob))
			.isEqualTo("America/New_York");
	}

	private static String body(ListenerClient client, String page) throws Exception {
		if (page.startsWith("/me/data/export")) {
			HttpResponse<byte[]> download = client.download(page);
			assertThat(download.statusCode()).as(page).isEqualTo(200);
			return new String(download.body(), StandardCharsets.UTF_8);
		}
		HttpResponse<String> response = client.get(page);
		assertThat(response.statusCode()).as(page).isEqualTo(200);
		return response.body();
	}

}
