package org.spotifymcp.frontend.web;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin pages over plain HTTP, logged in: bad dates and a missing upload file get a
 * 400 page naming the field, the dashboard lists warnings and errors with their level,
 * tables name users, and an empty window of a user with older plays points to all time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String BOUNDARY = "----admin-pages-boundary";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	@BeforeAll
	void logIn() throws Exception {
		String csrf = csrfOf(get("/login"));
		HttpResponse<String> response = this.browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
					+ URLEncoder.encode(TestDatabase.TEST_ADMIN_TOKEN, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
	}

	@Test
	void logDatesOutsideWhatTheDatabaseStoresAre400sNamingTheField() throws Exception {
		HttpResponse<String> farFuture = get("/logs?since=%2B300000-01-01T00:00:00Z");
		assertThat(farFuture.statusCode()).isEqualTo(400);
		assertThat(farFuture.body()).contains("since must be between 0001-01-01 and 9999-12-31 (UTC)")
			.doesNotContain("Exception");
		HttpResponse<String> farPast = get("/logs?until=-999999999-01-01T00:00:00Z");
		assertThat(farPast.statusCode()).isEqualTo(400);
		assertThat(farPast.body()).contains("until must be between");
		assertThat(get("/logs?since=10000-01-01").statusCode()).isEqualTo(400);
		assertThat(get("/logs?since=0001-01-01T00:00&until=9999-12-31T23:59:59").statusCode()).isEqualTo(200);
	}

	@Test
	void theDashboardShowsRecentWarningsAndErrorsWithTheirLevel() throws Exception {
		this.jdbc.update("insert into logs (timestamp, service, level, logger, message) values "
				+ "(now() - interval '1 minute', 'collector-service', 'WARN', 'imports', 'import 7 failed: not an export'),"
				+ "(now() - interval '2 minutes', 'collector-service', 'ERROR', 'poller', 'poll crashed'),"
				+ "(now() - interval '3 minutes', 'api-service', 'INFO', 'api', 'user connected')");
		String page = get("/").body();
		String problems = page.substring(page.indexOf("id=\"recent-problems\""));
		assertThat(problems).contains("Recent warnings and errors")
			.containsPattern("badge-warn\">WARN</span>[\\s\\S]*import 7 failed: not an export")
			.containsPattern("badge-error\">ERROR</span>[\\s\\S]*poll crashed")
			.doesNotContain("user connected")
			.doesNotContain("No warnings or errors");
	}

	@Test
	void theDashboardReportsTheNewestMigration() throws Exception {
		// V10 is newer than V9 although "9" sorts after "10" as text
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
		String newest = Arrays.stream(files)
			.map(Resource::getFilename)
			.map((name) -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.')))
			.max(Comparator.naturalOrder())
			.orElseThrow()
			.getVersion();
		assertThat(get("/").body()).contains("schema v" + newest + ",");
	}

	@Test
	void jobTablesNameTheUser() throws Exception {
		int named = insertUser("spotify-ann", "Ann Example");
		int unnamed = insertUser("spotify-only-id", null);
		this.jdbc.update("insert into job_runs (job_type, user_id, status) values ('poll', ?, 'success'), "
				+ "('poll', ?, 'error')", named, unnamed);
		String jobs = get("/jobs").body();
		assertThat(jobs).contains(">Ann Example</a>").contains(">spotify-only-id</a>");
		long run = this.jdbc.queryForObject("select id from job_runs where user_id = ?", Long.class, named);
		assertThat(get("/jobs/" + run).body()).contains(">Ann Example</a>");
		assertThat(get("/").body()).contains(">Ann Example</a>");
		long upload = this.jdbc.queryForObject("insert into import_jobs (user_id, status, original_filename, "
				+ "stored_path, file_size_bytes) values (?, 'pending', 'export.zip', '/tmp/none.zip', 1000) returning id",
				Long.class, named);
		assertThat(get("/imports").body()).contains(">Ann Example</a>");
		assertThat(get("/imports/" + upload + "/row").body()).contains(">Ann Example</a>");
	}

	@Test
	void usersShowTheirSpotifyReconnectByDateAndTheListFiltersByIt() throws Exception {
		Instant now = Instant.now();
		int soon = insertUser("consent-soon", "Consent Soon");
		int later = insertUser("consent-later", "Consent Later");
		for (int user : new int[] { soon, later }) {
			this.jdbc.update(
					"insert into spotify_tokens (user_id, refresh_token_encrypted, scope) values (?, 'x', 's')", user);
		}
		consent(soon, now.minus(170, ChronoUnit.DAYS));
		consent(later, now.minus(10, ChronoUnit.DAYS));
		String soonDay = java.time.LocalDate
			.ofInstant(org.spotifymcp.shared.consent.SpotifyConsent.reconnectBy(now.minus(170, ChronoUnit.DAYS)),
					java.time.ZoneOffset.UTC)
			.toString();

		assertThat(get("/users/" + soon).body()).contains("id=\"reconnect-by\"").contains("reconnect by " + soonDay);
		String due = get("/users?sort=reconnect_by&due=30").body();
		assertThat(due).contains("Consent Soon").contains("reconnect by " + soonDay).doesNotContain("Consent Later");
		String all = get("/users?sort=reconnect_by").body();
		assertThat(all.indexOf("Consent Soon")).isPositive().isLessThan(all.indexOf("Consent Later"));
		assertThat(get("/users?due=many").statusCode()).isEqualTo(400);
	}

	private void consent(int user, Instant consentedAt) {
		this.jdbc.update("update spotify_tokens set consented_at = ?, reconnect_by = ? where user_id = ?",
				Timestamp.from(consentedAt),
				Timestamp.from(org.spotifymcp.shared.consent.SpotifyConsent.reconnectBy(consentedAt)), user);
	}

	@Test
	void anEmptyWindowOfAUserWithOlderPlaysOffersAllTime() throws Exception {
		int user = insertUser(null, "Old Listener");
		int track = this.jdbc.queryForObject(
				"insert into tracks (spotify_id, name, duration_ms) values ('old-track', 'Old Song', 200000) returning id",
				Integer.class);
		Instant lastPlay = Instant.parse("2019-05-02T18:30:00Z");
		for (int i = 0; i < 3; i++) {
			this.jdbc.update(
					"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 190000, 1)",
					Timestamp.from(lastPlay.minus(i, ChronoUnit.DAYS)), user, track);
		}
		// a 5 s listen is stored, shown apart, and not counted among the plays
		this.jdbc.update(
				"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 5000, 2)",
				Timestamp.from(lastPlay.minus(10, ChronoUnit.DAYS)), user, track);
		// what the writers of plays do after writing them
		RollupChecks.apply(this.jdbc, user);
		String window = get("/users/" + user).body();
		assertThat(window).contains("id=\"detail-skipped\">1</p>");
		assertThat(window).contains("id=\"window-hint\"")
			.contains(
					"No plays in the last 90 days, but 3 plays are stored; the last one was at 2019-05-02 18:30:00 UTC.")
			.contains("href=\"/users/" + user + "?days=0\"")
			.doesNotContain("id=\"window-empty\"");
		String allTime = get("/users/" + user + "?days=0").body();
		assertThat(allTime).doesNotContain("id=\"window-hint\"").contains("Old Song");

		int nobody = insertUser(null, "No Plays Yet");
		assertThat(get("/users/" + nobody).body()).contains("id=\"window-empty\"").doesNotContain("id=\"window-hint\"");
	}

	@Test
	void anUploadWithoutTheFilePartIsA400NamingIt() throws Exception {
		int user = insertUser(null, "Uploader");
		String csrf = csrfOf(get("/imports"));
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String[] field : new String[][] { { "user_id", String.valueOf(user) }, { "_csrf", csrf } }) {
			body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
					+ field[1] + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.browser.send(HttpRequest.newBuilder(uri("/imports"))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The form field &#39;file&#39; is missing");
		assertThat(this.jdbc.queryForObject("select count(*) from import_jobs where user_id = ?", Long.class, user))
			.isZero();
	}

	private int insertUser(String spotifyId, String displayName) {
		return this.jdbc.queryForObject("insert into users (spotify_user_id, display_name) values (?, ?) returning id",
				Integer.class, spotifyId, displayName);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String csrfOf(HttpResponse<String> page) {
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("page carries a CSRF token").isTrue();
		return csrf.group(1);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
