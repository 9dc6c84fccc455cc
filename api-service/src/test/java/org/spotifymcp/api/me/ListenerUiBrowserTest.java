package org.spotifymcp.api.me;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.testing.HeadlessChromium;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's space in headless Chromium: sign in through the Spotify emulator, every
 * page with a seeded history, a token created and revoked, the JSON download uploaded by
 * a second (import-only) listener with live progress, and that listener deleting their
 * account. Every page is saved under {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "app.ops.rate-limit-auth-per-minute=100" })
class ListenerUiBrowserTest {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String APP = "http://127.0.0.1:" + PORT;

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

	// Spotify's image CDN is out of reach here: a local host plays it for the covers.
	private static final HttpServer imageHost = CoverImages.start();

	private static final String IMAGES = "http://127.0.0.1:" + imageHost.getAddress().getPort();

	private static final String COUNTS = "select count(*) as plays, count(distinct track_id) as tracks,"
			+ " sum(ms_played) as ms, min(played_at) as first, max(played_at) as last from plays where user_id = ?";

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("server.port", () -> PORT);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.redirect-uri", () -> APP + "/auth/callback");
		registry.add("app.spotify.demo", () -> "true");
		registry.add("app.spotify.allowed-user-ids", () -> "listener00001");
		registry.add("app.ops.api-base-url", () -> APP);
		registry.add("app.me.image-origins", () -> "https://i.scdn.co " + IMAGES);
		// uploads go to a temporary folder, not into the module's working directory
		registry.add("app.import.upload-dir", () -> {
			try {
				return Files.createTempDirectory("listener-uploads").toString();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	@AfterAll
	static void stop() {
		emulator.close();
		imageHost.stop(0);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	McpTokenService tokens;

	@Autowired
	ExportImporter importer;

	/**
	 * Every picture on the page loaded, or was removed so its placeholder shows (a broken
	 * image never does); some pictures and some placeholders are there.
	 */
	private static void assertPicturesLoadOrGiveWayToPlaceholders(HeadlessChromium browser) {
		browser.waiting()
			.withMessage("pictures still loading")
			.until((driver) -> (Boolean) browser.driver()
				.executeScript(
						"return Array.from(document.querySelectorAll('.cover img')).every((img) => img.complete)"));
		@SuppressWarnings("unchecked")
		List<Object> broken = (List<Object>) browser.driver()
			.executeScript("return Array.from(document.querySelectorAll('.cover img'))"
					+ ".filter((img) => img.naturalWidth === 0).map((img) => img.src)");
		assertThat(broken).as("broken pictures").isEmpty();
		assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(".cover"))).isNotEmpty();
	}

	private static String csp(HeadlessChromium browser, String page) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(APP + page))
				.header("Cookie", "LISTENER_SESSION=" + browser.cookie("LISTENER_SESSION"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.headers()
			.firstValue("Content-Security-Policy")
			.orElseThrow();
	}

	@Test
	void aListenerSeesTheirHistoryTakesItAlongAndLeaves() throws Exception {
		try (HeadlessChromium browser = HeadlessChromium.open(APP)) {
			browser.go("/me");
			browser.find("#sign-in-spotify");
			browser.screenshot("me-01-sign-in", "Sign in with Spotify");
			browser.click("#sign-in-spotify");
			browser.click("#accept");
			try {
				browser.find("#connected");
			}
			catch (RuntimeException ex) {
				throw new AssertionError(
						"after consent: " + browser.driver().getCurrentUrl() + "\n" + browser.driver().getPageSource(),
						ex);
			}
			browser.screenshot("me-02-auth-connected", "Connected as");
			int user = this.jdbc.queryForObject("select id from users where spotify_user_id = 'listener00001'",
					Integer.class);
			this.jdbc.update("update users set time_zone = 'Europe/Berlin' where id = ?", user);
			int seeded = ListenerFixtures.richHistory(this.jdbc, user);
			// pictures for some albums and artists, one that fails to load; the rest get
			// placeholders
			this.jdbc.update("update albums set image_url = ? || '/img/album-' || id || '.png' where id % 3 <> 0"
					+ " and id in (select album_id from tracks where id in (select track_id from plays where user_id = ?))",
					IMAGES, user);
			this.jdbc.update("update albums set image_url = ? || '/missing.png' where name = 'Sleep'", IMAGES);
			this.jdbc.update("update artists set image_url = ? || '/img/artist-' || id || '.png' where id % 2 = 0"
					+ " and id in (select artist_id from track_artists where track_id in"
					+ " (select track_id from plays where user_id = ?))", IMAGES, user);
			browser.click("#go-to-me");
			assertThat(browser.textOf("#total-plays")).isEqualTo(String.format("%,d", seeded));
			java.time.LocalDate reconnectBy = java.time.LocalDate
				.ofInstant(java.time.Instant.now(), java.time.ZoneOffset.UTC)
				.plusMonths(6);
			assertThat(browser.textOf("#reconnect-by")).as("Spotify's six-month consent")
				.containsAnyOf("reconnect by " + reconnectBy, "reconnect by " + reconnectBy.minusDays(1));
			browser.screenshot("me-03-overview", "Collection");

			browser.go("/me/stats?range=all");
			browser.awaitCharts();
			assertThat(browser.textOf("#top-artists")).contains("The Unusually Long Named Orchestra");
			assertThat(browser.assertNamesFitTheirAxes()).as("names on the bar charts").hasSizeGreaterThan(20);
			assertPicturesLoadOrGiveWayToPlaceholders(browser);
			assertThat(browser.textOf("#top-tracks")).doesNotContain("Dream 3");
			assertThat(csp(browser, "/me/stats")).contains("img-src 'self' https://i.scdn.co " + IMAGES + ";")
				.doesNotContain("https:;")
				.doesNotContain("data:");
			browser.screenshot("me-04-stats-plays", "Top artists");
			browser.click("#top-artists a");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-name")).startsWith("The Unusually Long Named Orchestra");
			assertThat(browser.find("#item-tracks").getText()).contains("Song A (Extended Version)");
			browser.screenshot("me-04b-artist", "Top tracks");

			browser.go("/me/stats?range=all");
			browser.click("#by-minutes");
			browser.awaitCharts();
			// ranked over every track of the window: the one long listen leads by time
			assertThat(browser.textOf("#top-tracks li:first-child")).contains("Dream 3 (in the midst of my life)");
			assertThat(browser.textOf("#top-artists li:first-child")).contains("Max Richter");
			browser.assertNamesFitTheirAxes();
			browser.screenshot("me-05-stats-time", "Listening time");
			browser.click("#top-tracks li:first-child a");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-name")).isEqualTo("Dream 3 (in the midst of my life)");
			assertThat(browser.textOf("#item-plays")).isEqualTo("1");
			assertThat(browser.textOf("#item-time")).isEqualTo("5 h 0 min");
			// 22:00 UTC on 14 June is midnight in Berlin: the listener's own time
			assertThat(browser.textOf("#item-first")).isEqualTo("15 Jun 2025, 00:00");
			assertPicturesLoadOrGiveWayToPlaceholders(browser);
			browser.screenshot("me-05b-track-placeholder", "Skipped listens");

			browser.go("/me/stats?range=all");
			browser.click("#top-tracks li:first-child a");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-plays")).isNotEqualTo("0");
			assertThat(browser.find("#months-chart").getDomAttribute("data-rendered")).isEqualTo("true");
			browser.screenshot("me-05c-track", "Plays per month");
			browser.click("#item-album");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-tracks")).contains("Interlude");
			assertPicturesLoadOrGiveWayToPlaceholders(browser);
			browser.screenshot("me-05d-album", "Tracks you played");
			browser.go("/me/stats?range=all");
			browser.click("#top-albums li:first-child a");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-plays")).isNotEqualTo("0");
			browser.go("/me/tracks/not-a-track");
			browser.screenshot("me-05e-track-not-found", "You have not played this track.");
			browser.go("/me/stats?range=custom&from=2025-03-01&to=2025-05-31");
			browser.awaitCharts();
			browser.screenshot("me-06-stats-custom", "2025-03-01 to 2025-05-31");
			browser.go("/me/compare?aFrom=2025-01-01&aTo=2025-06-30&bFrom=2025-07-01&bTo=2025-12-31");
			browser.screenshot("me-07-compare", "What changed");
			browser.go("/me/wrapped?year=2025");
			browser.screenshot("me-08-wrapped", "Your 2025 in music");
			browser.go("/me/history");
			browser.screenshot("me-09-history", "Recently played");
			String played = browser.textOf("#plays tbody tr:first-child .track-link");
			browser.click("#plays tbody tr:first-child .track-link");
			browser.awaitCharts();
			assertThat(browser.textOf("#item-name")).isEqualTo(played);
			browser.go("/me/history?q=interlude");
			browser.screenshot("me-10-search", "matching plays");
			browser.go("/me/settings");
			browser.screenshot("me-11-settings", "Time zone");

			browser.go("/me/assistant");
			browser.find("#token-name").sendKeys("Claude on my laptop");
			browser.click("#create-token");
			String secret = browser.textOf("#issued-secret");
			assertThat(this.tokens.authenticate(secret)).isPresent();
			browser.screenshot("me-12-assistant-token", "copy it now");
			browser.click(".revoke");
			browser.find(".badge-token-revoked");
			assertThat(this.tokens.authenticate(secret)).isEmpty();
			browser.screenshot("me-13-assistant-revoked", "Token revoked");

			browser.go("/me/data");
			browser.screenshot("me-14-data", "Download everything");
			byte[] json = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(APP + "/me/data/export?format=json"))
					.header("Cookie", "LISTENER_SESSION=" + browser.cookie("LISTENER_SESSION"))
					.build(), HttpResponse.BodyHandlers.ofByteArray())
				.body();
			Path export = Files.createTempDirectory("listener-export").resolve("my-history.json");
			Files.write(export, json);
			browser.click("#sign-out");
			browser.find("#signed-out");

			// a second, import-only listener signs in with a token and uploads the
			// download
			int fresh = this.jdbc.queryForObject(
					"insert into users (display_name, time_zone) values ('Fresh Listener', 'Europe/Lisbon') returning id",
					Integer.class);
			browser.find("#token").sendKeys(this.tokens.issue(fresh, "sign-in").secret());
			browser.click("#sign-in-token");
			browser.find("#no-plays");
			browser.go("/me/data");
			browser.find("#file").sendKeys(export.toString());
			browser.click("#upload-button");
			long job = uploadedJobOf(fresh);
			browser.awaitAttribute("#import-progress-" + job, "data-status", "pending");
			browser.screenshot("me-15-upload-pending", "queued for import");
			this.importer.run(job);
			// the page polls the progress every two seconds and shows the finished import
			browser.awaitAttribute("#import-progress-" + job, "data-status", "success");
			browser.screenshot("me-16-upload-done", "success");
			assertThat(this.jdbc.queryForMap(COUNTS, fresh)).isEqualTo(this.jdbc.queryForMap(COUNTS, user));
			browser.go("/me");
			assertThat(browser.textOf("#total-plays")).isEqualTo(String.format("%,d", seeded));

			browser.go("/me/data");
			browser.find("#confirm").sendKeys("delete my account");
			browser.click("#delete-button");
			browser.find("#deleted");
			browser.screenshot("me-17-deleted", "all your data are deleted");
			assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class, fresh))
				.isZero();
			assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class, user))
				.isEqualTo(seeded);

			browser.go("/auth");
			browser.screenshot("me-18-auth", "Connect with Spotify");
			browser.resize(390, 844);
			browser.go("/me/sign-in");
			browser.screenshot("me-19-sign-in-phone", "personal token");

			// the first listener's pages on a phone: nothing wider than the screen
			browser.find("#token").sendKeys(this.tokens.issue(user, "phone").secret());
			browser.click("#sign-in-token");
			browser.find("#total-plays");
			String track = this.jdbc.queryForObject("select spotify_id from tracks where name = 'Interlude 2'",
					String.class);
			// the album the track belongs to now (the re-import above may have moved it
			// to
			// the export's album of the same name)
			String album = this.jdbc.queryForObject("select al.spotify_id from tracks t"
					+ " join albums al on al.id = t.album_id where t.spotify_id = ?", String.class, track);
			List<String[]> phonePages = List.of(new String[] { "/me", "overview", "Collection" },
					new String[] { "/me/stats?range=all", "stats", "Top artists" },
					new String[] { "/me/stats?range=all&by=minutes", "stats-time", "Listening time" },
					new String[] { "/me/artist?name=The%20Unusually%20Long%20Named%20Orchestra%20of%20the%20Northern"
							+ "%20Hemisphere%20and%20Friends", "artist", "Top tracks" },
					new String[] { "/me/tracks/" + track, "track", "Plays per month" },
					new String[] { "/me/albums/" + album, "album", "Tracks you played" },
					new String[] { "/me/compare?aFrom=2025-01-01&aTo=2025-06-30&bFrom=2025-07-01&bTo=2025-12-31",
							"compare", "What changed" },
					new String[] { "/me/wrapped?year=2025", "wrapped", "Your 2025 in music" },
					new String[] { "/me/history", "history", "Recently played" },
					new String[] { "/me/assistant", "assistant", "Claude" },
					new String[] { "/me/data", "data", "Download everything" },
					new String[] { "/me/settings", "settings", "Time zone" });
			for (String[] page : phonePages) {
				browser.go(page[0]);
				browser.awaitCharts();
				assertThat(browser.scrollsSideways()).as(page[0] + " on a phone scrolls sideways").isFalse();
				browser.assertNamesFitTheirAxes();
				browser.screenshot("me-20-phone-" + page[1], page[2]);
			}
		}
	}

	/**
	 * The import job the upload just submitted: the browser sends the form on its own, so
	 * the row can appear a moment after the click.
	 */
	private long uploadedJobOf(int user) throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
		while (true) {
			List<Long> jobs = this.jdbc.queryForList("select id from import_jobs where user_id = ?", Long.class, user);
			if (!jobs.isEmpty() || System.nanoTime() > deadline) {
				assertThat(jobs).as("import job of the upload").hasSize(1);
				return jobs.get(0);
			}
			Thread.sleep(100);
		}
	}

}
