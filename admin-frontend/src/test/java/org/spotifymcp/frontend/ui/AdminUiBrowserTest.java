package org.spotifymcp.frontend.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.imports.ImportStatus;
import org.spotifymcp.shared.testing.HeadlessChromium;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.SpotifyExportFixtures;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI in a real browser (Debian's headless Chromium): log in, look at every
 * page, pause and resume a user, watch an import's progress bar update live, filter logs,
 * log out. Screenshots of each page go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminUiBrowserTest {

	private static final StubApi api = StubApi.start();

	private static final Path uploads = temporaryDirectory();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.ops.api-base-url", api::baseUrl);
		registry.add("app.import.upload-dir", () -> uploads.toString());
	}

	@AfterAll
	static void stopApi() {
		api.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExportImporter importer;

	private static final String LONG_ARTIST = "The Extraordinarily Long-Named Philharmonic Orchestra and Choir of "
			+ "Everything Ever Recorded Anywhere";

	private static int alice;

	private static int bob;

	private static long runningImport;

	@BeforeAll
	static void checkBrowserInstalled() {
		assertThat(new java.io.File(HeadlessChromium.chromium())).as("install chromium (apt-get install chromium)")
			.exists();
		assertThat(new java.io.File(HeadlessChromium.chromedriver())).as("install chromium-driver").exists();
	}

	@Test
	void anAdminWorksThroughEveryPage() {
		seed();
		try (HeadlessChromium browser = HeadlessChromium.open("http://127.0.0.1:" + this.port)) {
			// not logged in: every page leads to the login form
			browser.go("/users");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
			browser.screenshot("01-login", "Admin token");

			// a wrong token is refused with a message
			browser.find("#password").sendKeys("not-the-token");
			browser.find("#login-submit").click();
			assertThat(browser.textOf("#login-error")).isEqualTo("Wrong admin token.");
			browser.screenshot("02-login-wrong-token", "Wrong admin token.");

			browser.find("#password").sendKeys(TestDatabase.TEST_ADMIN_TOKEN);
			browser.find("#login-submit").click();
			browser.awaitText("h1", "Dashboard");
			assertThat(browser.text()).contains("API").contains("Collector").contains("Database");
			assertThat(browser.textOf("#total-users"))
				.isEqualTo(String.valueOf(this.jdbc.queryForObject("select count(*) from users", Long.class)));
			assertThat(browser.text()).contains("poll failed for alice").contains("export.zip");
			// warnings count too: failed imports and polls are logged at WARN
			assertThat(browser.textOf("#recent-problems")).contains("Recent warnings and errors")
				.contains("ERROR")
				.contains("WARN")
				.contains("slow response from Spotify");
			assertThat(browser.textOf("#recent-runs")).contains("poll").contains("error");
			browser.screenshot("03-dashboard", "Plays today (UTC)");

			// pause and resume Alice from the users table
			browser.go("/users");
			WebElement row = browser.find("#user-" + alice);
			assertThat(row.findElement(By.cssSelector(".sync-status")).getText()).isEqualTo("polling");
			browser.screenshot("04-users", "Alice");
			row.findElement(By.cssSelector("button.pause")).click();
			assertThat(browser.textOf(".flash.notice")).contains("paused");
			browser.awaitText("#user-" + alice + " .sync-status", "paused");
			assertThat(checkpointStatus()).isEqualTo("paused");
			browser.screenshot("05-users-paused", "Collection paused");
			browser.find("#user-" + alice + " button.resume").click();
			browser.awaitText("#user-" + alice + " .sync-status", "polling");
			assertThat(checkpointStatus()).isEqualTo("polling");

			// create an import-only user, give them an MCP token, then delete them after
			// confirming
			browser.find("input[name=displayName]").sendKeys("Carol");
			browser.find("input[name=timeZone]").clear();
			browser.find("input[name=timeZone]").sendKeys("America/New_York");
			browser.find("form[action='/users'] button").click();
			browser.awaitText("h1", "Carol");
			assertThat(browser.text()).contains("import-only").contains("America/New_York");
			browser.find("input[name=name]").sendKeys("laptop");
			browser.find("#tokens form[action$='/mcp-tokens'] button").click();
			assertThat(browser.textOf("#issued-secret")).startsWith("smcp_");
			browser.screenshot("06-user-token-issued", "Copy it now");
			browser.find("a.button.danger").click();
			browser.screenshot("07-user-delete-confirm", "Yes, delete everything");
			browser.find("#confirm-delete").click();
			assertThat(browser.textOf(".flash.notice")).contains("deleted");
			assertThat(browser.text()).doesNotContain("Carol");
			assertThat(this.jdbc.queryForObject("select count(*) from users where display_name = 'Carol'", Long.class))
				.isZero();

			// the user page draws its charts and heatmap
			browser.go("/users/" + alice + "?days=30");
			browser.waiting()
				.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("canvas[data-rendered='true']"), 4));
			assertThat(browser.textOf("#top-artists")).startsWith("The Testers (40)");
			assertThat(browser.driver().findElements(By.cssSelector("#heatmap td.h5"))).isNotEmpty();
			assertNamesFitTheirAxis(browser);
			browser.screenshot("08-user-detail", "Top artists");

			// an import-only history older than the default window: the page says so and
			// offers all time
			browser.go("/users/" + bob);
			assertThat(browser.textOf("#window-hint")).contains("No plays in the last 90 days").contains("2019-05-02");
			browser.find("#show-all-time").click();
			browser.waiting()
				.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("canvas[data-rendered='true']"), 4));
			assertThat(browser.driver().getCurrentUrl()).endsWith("days=0");
			assertThat(browser.textOf("#top-artists")).startsWith("Selenium Sound (2)");

			// an import's progress bar follows the job while it runs, then stops at done
			browser.go("/imports");
			WebElement progress = browser.find("#import-progress-" + runningImport);
			assertThat(progress.getAttribute("data-status")).isEqualTo("running");
			assertThat(progress.findElement(By.cssSelector(".meter")).getAttribute("aria-valuenow")).isEqualTo("40");
			assertThat(barShare(browser, runningImport)).as("share of a 40 % bar drawn").isBetween(0.35, 0.45);
			browser.screenshot("09-imports-running", "export.zip");
			this.jdbc.update("update import_jobs set bytes_processed = 1000, status = 'success', "
					+ "records_processed = 120, records_inserted = 100, duplicates = 20, finished_at = now() where id = ?",
					runningImport);
			browser.waiting()
				.until(ExpectedConditions.attributeToBe(By.cssSelector("#import-progress-" + runningImport),
						"data-status", "success"));
			assertThat(browser.attributeOf("#import-progress-" + runningImport + " .meter", "aria-valuenow"))
				.isEqualTo("100");
			browser.screenshot("10-imports-done", "100 new");

			browser.go("/jobs");
			browser.screenshot("11-jobs", "initial_sync");
			browser.find("#jobs a").click();
			assertThat(browser.text()).contains("Statistics");
			browser.screenshot("12-job-detail", "Statistics");

			// logs: filter by level and text
			browser.go("/logs");
			assertThat(browser.textOf("#log-table")).contains("slow response").contains("poll failed");
			new Select(browser.find("#filter-level")).selectByValue("ERROR");
			browser.find("#filter-text").sendKeys("alice");
			browser.find("#filter-submit").click();
			String filtered = browser.textOf("#log-table");
			assertThat(filtered).contains("poll failed for alice").doesNotContain("slow response");
			assertThat(browser.driver().getCurrentUrl()).contains("level=ERROR").contains("q=alice");
			browser.screenshot("13-logs-filtered", "poll failed for alice");

			// purge asks for confirmation first, then deletes only older events
			this.jdbc.update("insert into logs (timestamp, service, level, message) "
					+ "values (now() - interval '40 days', 'api-service', 'WARN', 'ancient warning')");
			browser.go("/logs/purge?days=30");
			browser.find("#confirm-purge").click();
			assertThat(browser.textOf(".flash.notice")).isEqualTo("Deleted 1 log events older than 30 days.");
			assertThat(browser.textOf("#log-table")).contains("poll failed for alice");

			// unknown pages get the friendly 404 inside the layout
			browser.go("/users/999999");
			browser.screenshot("14-not-found", "Not found");
			assertThat(browser.text()).doesNotContain("Exception");

			// Spotify apps: add one, invite a listener to it, copy the link shown once
			browser.go("/spotify-apps");
			browser.find("#add-app input[name=label]").sendKeys("Family");
			browser.find("#add-app input[name=client_id]").sendKeys("browser-app-1");
			browser.find("#add-app input[name=client_secret]").sendKeys("browser-secret-1");
			browser.find("#add-app button").click();
			assertThat(browser.textOf(".flash.notice")).contains("Spotify app Family (browser-app-1) added");
			assertThat(browser.textOf("#spotify-apps")).contains("Family").contains("browser-app-1");
			assertThat(browser.driver().getPageSource()).doesNotContain("browser-secret-1");
			new org.openqa.selenium.support.ui.Select(browser.find("#create-invite select[name=app_id]"))
				.selectByVisibleText("Family");
			browser.find("#create-invite input[name=note]").sendKeys("for Kim");
			browser.find("#create-invite button").click();
			assertThat(browser.find("#invite-url").getDomProperty("value")).contains("/auth/login?invite=");
			browser.find("#copy-invite").click();
			browser.awaitText("#copy-invite", "Copied");
			assertThat(browser.textOf("#invites")).contains("for Kim").contains("open");
			browser.screenshot("14b-spotify-apps", "Invite link");

			// a phone-sized window still shows the page
			browser.resize(390, 844);
			browser.go("/");
			browser.screenshot("15-dashboard-phone", "Dashboard");
			browser.resize(1280, 1000);

			// log out: back to the login page, and pages need a login again
			browser.go("/");
			browser.find("#logout").click();
			assertThat(browser.textOf("#logged-out")).contains("logged out");
			browser.go("/logs");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
		}
	}

	/**
	 * The upload form stores the export through the shared intake; the test then plays
	 * the collector's part by running the shared import engine on the queued job, while
	 * the browser's progress bar polls its way to done.
	 */
	@Test
	void anUploadedExportIsImportedWhileTheProgressBarFollows() {
		Path fixture = SpotifyExportFixtures.directory().resolve("extended.zip");
		int dave = this.jdbc.queryForObject("insert into users (display_name) values ('Dave') returning id",
				Integer.class);
		try (HeadlessChromium browser = HeadlessChromium.open("http://127.0.0.1:" + this.port)) {
			browser.go("/login");
			browser.find("#password").sendKeys(TestDatabase.TEST_ADMIN_TOKEN);
			browser.find("#login-submit").click();
			// logged in before leaving the login page
			browser.awaitText("h1", "Dashboard");
			browser.go("/imports?user_id=" + dave);
			browser.find("#upload-file").sendKeys(fixture.toAbsolutePath().normalize().toString());
			browser.find("#upload-submit").click();
			assertThat(browser.textOf(".flash.notice")).contains("Uploaded extended.zip as import job");
			long jobId = this.jdbc.queryForObject("select id from import_jobs where user_id = ?", Long.class, dave);
			assertThat(browser.attributeOf("#import-progress-" + jobId, "data-status")).isEqualTo("pending");
			// a pending job's bar is empty: light track, nothing filled
			assertThat(browser.attributeOf("#import-progress-" + jobId + " .meter", "aria-valuenow")).isEqualTo("0");
			assertThat(barShare(browser, jobId)).as("share of a 0 % bar drawn").isLessThan(0.02);
			assertThat(browser.textOf("#import-" + jobId + " .import-format")).isEqualTo("—");
			// the age counts on without a reload
			String created = browser.textOf("#import-" + jobId + " .import-created");
			assertThat(created).endsWith("s ago");
			browser.waiting()
				.withMessage("the created age never changed from " + created)
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until((driver) -> !created
					.equals(driver.findElement(By.cssSelector("#import-" + jobId + " .import-created")).getText()));
			browser.screenshot("16-import-uploaded", "extended.zip");

			assertThat(this.importer.run(jobId)).contains(ImportStatus.SUCCESS);
			browser.waiting()
				.until(ExpectedConditions.attributeToBe(By.cssSelector("#import-progress-" + jobId), "data-status",
						"success"));
			assertThat(browser.attributeOf("#import-progress-" + jobId + " .meter", "aria-valuenow")).isEqualTo("100");
			assertThat(barShare(browser, jobId)).as("share of a 100 % bar drawn").isGreaterThan(0.95);
			// the row that polled shows the format without a reload
			assertThat(browser.textOf("#import-" + jobId + " .import-format")).isEqualTo("extended");
			long plays = this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Long.class, dave);
			assertThat(plays).isPositive();
			// every record read is accounted for: 929 = 877 new + 2 duplicates + 49
			// episodes + 1 without a track
			assertThat(browser.textOf("#import-progress-" + jobId)).contains("929 records: " + plays + " new")
				.contains("2 duplicates")
				.contains("49 episodes skipped")
				.contains("1 without a track skipped");
			browser.screenshot("17-import-done", "success");
		}
	}

	/**
	 * Every name on the y axis of the bar charts starts inside the canvas (Chart.js gives
	 * that axis at most half the width and would cut long names off on the left); a name
	 * too long for it ends in an ellipsis while the chart's data, which the tooltip
	 * shows, keeps it whole.
	 */
	private static void assertNamesFitTheirAxis(HeadlessChromium browser) {
		List<Map<String, Object>> ticks = browser.assertNamesFitTheirAxes();
		assertThat(ticks).hasSizeGreaterThanOrEqualTo(6);
		assertThat(ticks).anySatisfy((tick) -> {
			assertThat(tick.get("name")).isEqualTo(LONG_ARTIST);
			assertThat((String) tick.get("label")).endsWith("…").startsWith("The Extraordinarily");
		});
	}

	/**
	 * The share of an import's progress bar drawn in the fill colour (or any dark
	 * colour), read from the pixels the browser painted: what a person sees, whatever the
	 * markup says.
	 */
	private static double barShare(HeadlessChromium browser, long jobId) {
		WebElement meter = browser.find("#import-progress-" + jobId + " .meter");
		try {
			java.awt.image.BufferedImage image = javax.imageio.ImageIO
				.read(new java.io.ByteArrayInputStream(meter.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
			int drawn = 0;
			int total = 0;
			// the inner rows and columns: the border is not the bar
			for (int y = 3; y < image.getHeight() - 3; y++) {
				for (int x = 3; x < image.getWidth() - 3; x++) {
					int rgb = image.getRGB(x, y);
					int red = (rgb >> 16) & 0xff;
					int green = (rgb >> 8) & 0xff;
					int blue = rgb & 0xff;
					boolean dark = red + green + blue < 300;
					boolean fill = green > 150 && red < 100 && blue < 130;
					if (dark || fill) {
						drawn++;
					}
					total++;
				}
			}
			return (double) drawn / total;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("admin-ui-uploads");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private String checkpointStatus() {
		return this.jdbc.queryForObject("select status from sync_checkpoints where user_id = ?", String.class, alice);
	}

	private void seed() {
		alice = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name, time_zone) values ('alice', 'Alice', 'Europe/Berlin') returning id",
				Integer.class);
		bob = this.jdbc.queryForObject("insert into users (display_name) values ('Bob (import only)') returning id",
				Integer.class);
		this.jdbc.update("insert into spotify_tokens (user_id, refresh_token_encrypted, scope) values (?, 'x', 's')",
				alice);
		this.jdbc.update("insert into sync_checkpoints (user_id, status, initial_sync_completed_at, last_poll_at) "
				+ "values (?, 'polling', now() - interval '1 day', now() - interval '5 minutes')", alice);
		int artist = this.jdbc.queryForObject(
				"insert into artists (spotify_id, name) values ('artist-1', 'The Testers') returning id",
				Integer.class);
		int otherArtist = this.jdbc.queryForObject(
				"insert into artists (spotify_id, name) values ('artist-2', 'Selenium Sound') returning id",
				Integer.class);
		int album = this.jdbc.queryForObject(
				"insert into albums (spotify_id, name) values ('album-1', 'Green Bars') returning id", Integer.class);
		int longArtist = this.jdbc.queryForObject(
				"insert into artists (spotify_id, name) values ('artist-3', ?) returning id", Integer.class,
				LONG_ARTIST);
		int longTrack = this.jdbc
			.queryForObject("insert into tracks (spotify_id, name, album_id, duration_ms) values ('track-long', "
					+ "'A Song Whose Title Goes On And On Well Past Any Reasonable Axis Width', ?, 180000) returning id",
					Integer.class, album);
		this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (?, 0, ?)", longTrack,
				longArtist);
		int[] tracks = new int[3];
		for (int i = 0; i < tracks.length; i++) {
			tracks[i] = this.jdbc.queryForObject(
					"insert into tracks (spotify_id, name, album_id, duration_ms) values (?, ?, ?, 180000) returning id",
					Integer.class, "track-" + i, "Song " + i, album);
			this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (?, 0, ?)", tracks[i],
					(i < 2) ? artist : otherArtist);
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		for (int i = 0; i < 60; i++) {
			// 40 plays of The Testers' two songs, 20 of Selenium Sound, spread over ten
			// days
			int track = tracks[(i % 3 == 2) ? 2 : i % 2];
			Instant playedAt = now.minus(i * 4L, ChronoUnit.HOURS).minus(i, ChronoUnit.MINUTES);
			this.jdbc.update(
					"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 170000, 1)",
					Timestamp.from(playedAt), alice, track);
		}
		for (int i = 0; i < 5; i++) {
			this.jdbc.update(
					"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 170000, 1)",
					Timestamp.from(now.minus(i * 7L + 3, ChronoUnit.HOURS)), alice, longTrack);
		}
		// Bob's imported history ends years before the default window
		for (int i = 0; i < 2; i++) {
			this.jdbc.update(
					"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 170000, 2)",
					Timestamp.from(Instant.parse("2019-05-02T20:00:00Z").minus(i, ChronoUnit.DAYS)), bob, tracks[2]);
		}
		// what the writers of plays do after writing them
		RollupChecks.apply(this.jdbc, alice, bob);
		this.jdbc.update("insert into job_runs (job_type, user_id, status, started_at, finished_at, stats) values "
				+ "('poll', ?, 'success', now() - interval '10 minutes', now() - interval '10 minutes', '{\"plays_added\": 3}'),"
				+ "('poll', ?, 'error', now() - interval '5 minutes', now() - interval '5 minutes', '{}'),"
				+ "('initial_sync', ?, 'success', now() - interval '1 day', now() - interval '1 day', '{\"pages\": 4}')",
				alice, alice, alice);
		runningImport = this.jdbc.queryForObject("insert into import_jobs (user_id, status, original_filename, "
				+ "stored_path, file_size_bytes, bytes_processed, records_processed, heartbeat_at, started_at) "
				+ "values (?, 'running', 'export.zip', '/tmp/none.zip', 1000, 400, 50, now(), now()) returning id",
				Long.class, bob);
		this.jdbc.update("insert into logs (timestamp, service, level, logger, message) values "
				+ "(now() - interval '3 minutes', 'collector-service', 'ERROR', 'poller', 'poll failed for alice'),"
				+ "(now() - interval '4 minutes', 'api-service', 'WARN', 'api', 'slow response from Spotify')");
	}

}
