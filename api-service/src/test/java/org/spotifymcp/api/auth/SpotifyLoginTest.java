package org.spotifymcp.api.auth;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spotify login end to end over real HTTP: api-service on a fixed port (the redirect
 * URI must match exactly), the emulator as Spotify, a real database. One run drives a
 * headless Chromium through the consent page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "logging.level.org.spotifymcp=DEBUG", "app.spotify.client.max-attempts=2",
				"app.spotify.client.initial-backoff=10ms", "app.spotify.client.max-backoff=20ms",
				"app.ops.rate-limit-auth-per-minute=100", "management.server.port=0" })
@ExtendWith(OutputCaptureExtension.class)
class SpotifyLoginTest {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String APP = "http://127.0.0.1:" + PORT;

	private static final String CALLBACK = APP + "/auth/callback";

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

	static {
		for (String id : List.of("alice", "bob", "carol", "dan", "erin", "gus", "hank", "ivy")) {
			emulator.addUser(FakeUser.scriptedOnly(id, Character.toUpperCase(id.charAt(0)) + id.substring(1)));
		}
	}

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("server.port", () -> PORT);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.redirect-uri", () -> CALLBACK);
		registry.add("app.spotify.demo", () -> "true");
		registry.add("app.spotify.allowed-user-ids", () -> "listener00001,alice,bob,carol,dan,erin,gus,hank,ivy");
		registry.add("app.ops.api-base-url", () -> APP);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void noFaults() {
		emulator.clearFaults();
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenCipher cipher;

	@Test
	void aNewUserConnectsAndEverythingIsStoredEncrypted(CapturedOutput output) throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.get(APP + "/auth/login");
		assertThat(login.statusCode()).isEqualTo(302);
		String authorize = login.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(emulator.baseUrl() + "/authorize?");
		Map<String, String> query = query(authorize);
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", EmulatorSettings.DEMO_CLIENT_ID)
			.containsEntry("redirect_uri", CALLBACK)
			.containsEntry("scope", "user-read-recently-played user-top-read")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "code_challenge");

		String callback = browser.consent(authorize, "alice", "accept");
		HttpResponse<String> completed = browser.get(callback);
		assertThat(completed.statusCode()).isEqualTo(302);
		assertThat(completed.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/connected"));
		HttpResponse<String> page = browser.get(APP + "/auth/connected");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Connected as <strong>Alice</strong>")
			.contains("Next steps")
			.contains("id=\"demo-banner\"")
			.contains("not connected to Spotify");

		Integer userId = this.jdbc.queryForObject("select id from users where spotify_user_id = 'alice'",
				Integer.class);
		assertThat(this.jdbc.queryForObject("select display_name from users where id = ?", String.class, userId))
			.isEqualTo("Alice");
		Map<String, Object> token = this.jdbc.queryForMap("select * from spotify_tokens where user_id = ?", userId);
		assertThat(token.get("status")).isEqualTo("valid");
		assertThat(token.get("scope")).asString().contains("user-read-recently-played");
		String refresh = this.cipher.decrypt((String) token.get("refresh_token_encrypted"));
		String access = this.cipher.decrypt((String) token.get("access_token_encrypted"));
		assertThat(emulator.issuedSecrets()).contains(refresh, access);
		assertThat((String) token.get("refresh_token_encrypted")).doesNotContain(refresh);
		Instant expiresAt = ((java.sql.Timestamp) token.get("access_token_expires_at")).toInstant();
		assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(55)),
				Instant.now().plus(Duration.ofMinutes(61)));
		// the consent: Spotify's six months start now
		Instant consentedAt = ((java.sql.Timestamp) token.get("consented_at")).toInstant();
		assertThat(consentedAt).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
		assertThat(((java.sql.Timestamp) token.get("reconnect_by")).toInstant())
			.isEqualTo(consentedAt.atOffset(java.time.ZoneOffset.UTC).plusMonths(6).toInstant());
		HttpResponse<String> me = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/me"))
				.header("Authorization", "Bearer " + access)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.body()).contains("\"id\":\"alice\"");
		assertThat(
				this.jdbc.queryForObject("select status from sync_checkpoints where user_id = ?", String.class, userId))
			.isEqualTo("idle");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from scheduled_tasks where task_name = 'initial-sync' and task_instance = ?",
				Integer.class, String.valueOf(userId)))
			.isEqualTo(1);

		// logging out ends the browser session (with the CSRF token of the page)
		Matcher csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> logout = browser.post(APP + "/auth/logout", Map.of(csrf.group(1), csrf.group(2)), null);
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/logged-out"));
		assertThat(browser.get(APP + "/auth/connected").statusCode()).isEqualTo(401);
		assertThat(browser.post(APP + "/auth/logout", Map.of(), null).statusCode()).as("no CSRF token").isEqualTo(403);

		// connecting again updates the same user
		Browser again = new Browser();
		assertThat(again
			.get(again.consent(again.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "alice",
					"accept"))
			.statusCode()).isEqualTo(302);
		assertThat(
				this.jdbc.queryForObject("select count(*) from users where spotify_user_id = 'alice'", Integer.class))
			.isEqualTo(1);
		// ... and restarts the six months of the consent
		Map<String, Object> reconnected = this.jdbc.queryForMap("select * from spotify_tokens where user_id = ?",
				userId);
		Instant reconsentedAt = ((java.sql.Timestamp) reconnected.get("consented_at")).toInstant();
		assertThat(reconsentedAt).isAfter(consentedAt);
		assertThat(((java.sql.Timestamp) reconnected.get("reconnect_by")).toInstant())
			.isEqualTo(reconsentedAt.atOffset(java.time.ZoneOffset.UTC).plusMonths(6).toInstant());

		List<String> logRows = this.jdbc.queryForList("select message from logs", String.class);
		assertThat(output.getAll()).contains("Spotify account alice connected");
		for (String secret : emulator.issuedSecrets()) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(logRows).noneMatch((row) -> row.contains(secret));
		}
	}

	@Test
	void thePlaylistReconnectAsksForThePlaylistScopeAndStoresIt() throws Exception {
		Browser plain = new Browser();
		assertThat(query(plain.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow()))
			.containsEntry("scope", "user-read-recently-played user-top-read");

		Browser browser = new Browser();
		String authorize = browser.get(APP + "/auth/login?playlists=true")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		Map<String, String> query = query(authorize);
		assertThat(query).containsEntry("scope", "user-read-recently-played user-top-read playlist-modify-private")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "code_challenge");
		assertThat(browser.get(browser.consent(authorize, "ivy", "accept")).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject(
				"select t.scope from spotify_tokens t join users u on u.id = t.user_id where u.spotify_user_id = 'ivy'",
				String.class))
			.contains("playlist-modify-private")
			.contains("user-read-recently-played");
	}

	@Test
	void anInterceptedCodeIsUselessWithoutTheVerifier() throws Exception {
		Browser browser = new Browser();
		String callback = browser
			.consent(browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "bob", "accept");
		String code = query(callback).get("code");
		String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(CALLBACK);
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((EmulatorSettings.DEMO_CLIENT_ID + ":" + EmulatorSettings.DEMO_CLIENT_SECRET)
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> missing = browser.post(emulator.baseUrl() + "/api/token", form, basic);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("code_verifier required");
		HttpResponse<String> wrong = browser.post(emulator.baseUrl() + "/api/token",
				form + "&code_verifier=" + "w".repeat(64), basic);
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("invalid_grant");

		assertThat(browser.get(callback).statusCode()).as("the app holds the right verifier").isEqualTo(302);
		assertThat(browser.get(APP + "/auth/connected").body()).contains("Connected as <strong>Bob</strong>");
	}

	@Test
	void aReplayedCodeOrAConsumedStateIsRefused() throws Exception {
		Browser browser = new Browser();
		String callback = browser.consent(
				browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "carol", "accept");
		assertThat(browser.get(callback).statusCode()).isEqualTo(302);
		int tokensBefore = count("spotify_tokens");

		HttpResponse<String> sameAgain = browser.get(callback);
		assertThat(sameAgain.statusCode()).isEqualTo(400);
		assertThat(sameAgain.body()).contains("Login expired");

		String secondState = query(browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow())
			.get("state");
		HttpResponse<String> replay = browser
			.get(CALLBACK + "?code=" + enc(query(callback).get("code")) + "&state=" + enc(secondState));
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(replay.body()).contains("Login link already used").doesNotContain("Exception");
		assertThat(count("spotify_tokens")).isEqualTo(tokensBefore);
	}

	@Test
	void aTamperedStateIsRefusedAndNothingIsStored() throws Exception {
		Browser browser = new Browser();
		String callback = browser
			.consent(browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "dan", "accept");
		Map<String, String> parameters = query(callback);
		HttpResponse<String> tampered = browser
			.get(CALLBACK + "?code=" + enc(parameters.get("code")) + "&state=" + enc(parameters.get("state") + "x"));
		assertThat(tampered.statusCode()).isEqualTo(400);
		assertThat(tampered.body()).contains("expired or was changed").contains("demo-banner");
		assertThat(this.jdbc.queryForObject("select count(*) from users where spotify_user_id = 'dan'", Integer.class))
			.isZero();
	}

	@Test
	void deniedConsentShowsAPageAndStoresNothing() throws Exception {
		Browser browser = new Browser();
		String callback = browser
			.consent(browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "erin", "deny");
		assertThat(query(callback)).containsEntry("error", "access_denied");
		HttpResponse<String> page = browser.get(callback);
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("Access not granted");
		assertThat(this.jdbc.queryForObject("select count(*) from users where spotify_user_id = 'erin'", Integer.class))
			.isZero();
	}

	@Test
	void aUserOutsideTheAllowlistGetsAPageAndNothingIsStored() throws Exception {
		int users = count("users");
		int tokens = count("spotify_tokens");
		Browser browser = new Browser();
		String callback = browser.consent(
				browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "listener00003",
				"accept");
		HttpResponse<String> page = browser.get(callback);
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("Not allowed").contains("Nothing was stored");
		assertThat(count("users")).isEqualTo(users);
		assertThat(count("spotify_tokens")).isEqualTo(tokens);
		assertThat(count("sync_checkpoints")).isEqualTo(count("users"));
	}

	@Test
	void spotifyDownGetsAPageAndNothingIsStored() throws Exception {
		emulator.inject(Fault.serverError(503).forUser("gus"));
		Browser browser = new Browser();
		String callback = browser
			.consent(browser.get(APP + "/auth/login").headers().firstValue("Location").orElseThrow(), "gus", "accept");
		HttpResponse<String> page = browser.get(callback);
		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("Spotify is not answering");
		assertThat(this.jdbc.queryForObject("select count(*) from users where spotify_user_id = 'gus'", Integer.class))
			.isZero();
	}

	@Test
	void authPagesAreRateLimitedPerClientAddress() throws Exception {
		// a loopback address of its own, so the other tests' requests do not count
		InetAddress client = InetAddress.getByName("127.0.0.2");
		for (int i = 0; i < 100; i++) {
			assertThat(rawGet(client, "/auth")).startsWith("HTTP/1.1 200");
		}
		String refused = rawGet(client, "/auth");
		assertThat(refused).startsWith("HTTP/1.1 429");
		Matcher retryAfter = Pattern.compile("(?im)^Retry-After: (\\d+)").matcher(refused);
		assertThat(retryAfter.find()).isTrue();
		assertThat(Integer.parseInt(retryAfter.group(1))).isBetween(1, 60);
		assertThat(new Browser().get(APP + "/auth").statusCode()).as("other addresses are unaffected").isEqualTo(200);
	}

	@Test
	void forwardedHeadersCannotChooseWhereLoginAndLogoutLand() throws Exception {
		// a client talking to the API directly (no trusted proxy in between) forges them
		Map<String, String> forged = Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
				"X-Forwarded-Port", "443");
		Browser browser = new Browser();
		String callback = browser.consent(
				browser.get(APP + "/auth/login", forged).headers().firstValue("Location").orElseThrow(), "hank",
				"accept");
		HttpResponse<String> completed = browser.get(callback, forged);
		assertThat(completed.statusCode()).isEqualTo(302);
		assertThat(completed.headers().firstValue("Location")).hasValue(APP + "/auth/connected");

		HttpResponse<String> page = browser.get(APP + "/auth/connected", forged);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("evil.example");
		Matcher csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> logout = browser.post(APP + "/auth/logout", Map.of(csrf.group(1), csrf.group(2)), null,
				forged);
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location")).hasValue(APP + "/auth/logged-out");
	}

	@Test
	void aForwardedForHeaderFromAnUntrustedPeerDoesNotEscapeTheRateLimit() throws Exception {
		// TRUSTED_PROXIES is empty by default: the peer's own address counts
		InetAddress client = InetAddress.getByName("127.0.0.3");
		for (int i = 0; i < 100; i++) {
			assertThat(rawGet(client, "/auth", "X-Forwarded-For: 203.0.113." + i)).startsWith("HTTP/1.1 200");
		}
		assertThat(rawGet(client, "/auth", "X-Forwarded-For: 203.0.113.200")).startsWith("HTTP/1.1 429");
	}

	@Test
	void authPagesCarryAStrictContentSecurityPolicy() throws Exception {
		Browser browser = new Browser();
		List<HttpResponse<String>> pages = List.of(browser.get(APP + "/auth"), browser.get(APP + "/auth/logged-out"),
				browser.get(APP + "/auth/connected"), browser.get(APP + "/auth/callback?code=x&state=forged"));
		for (HttpResponse<String> page : pages) {
			String uri = page.uri().getPath();
			assertThat(page.headers().firstValue("Content-Type")).as(uri)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
			assertThat(policy).as(uri)
				.contains("default-src 'none'")
				.contains("frame-ancestors 'none'")
				.contains("base-uri 'none'")
				.contains("form-action 'self' " + APP)
				.doesNotContain("unsafe-inline")
				.doesNotContain("script-src");
			// the one style element the page has is the one the policy allows
			Matcher style = Pattern.compile("<style>(.*?)</style>").matcher(page.body());
			assertThat(style.find()).as(uri).isTrue();
			String hash = Base64.getEncoder()
				.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
					.digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
			assertThat(policy).as(uri).contains("style-src 'sha256-" + hash + "'");
			assertThat(page.body()).as(uri).doesNotContain(" style=\"").doesNotContain("<script");
			assertThat(page.headers().firstValue("X-Frame-Options")).as(uri).hasValue("DENY");
			assertThat(page.headers().firstValue("X-Content-Type-Options")).as(uri).hasValue("nosniff");
			assertThat(page.headers().firstValue("Referrer-Policy")).as(uri).hasValue("no-referrer");
		}
	}

	@Test
	void headlessChromiumClicksAcceptAndLandsOnTheSuccessPage() throws Exception {
		assertThat(Files.isExecutable(Path.of("/usr/bin/chromium"))
				&& Files.isExecutable(Path.of("/usr/bin/chromedriver")))
			.as("needs Debian's chromium and chromium-driver (installed by .ci/run)")
			.isTrue();
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		try {
			driver.get(APP + "/auth/login");
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
			wait.until(ExpectedConditions.elementToBeClickable(By.id("accept"))).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));
			assertThat(driver.getCurrentUrl()).isEqualTo(APP + "/auth/connected");
			assertThat(driver.findElement(By.id("connected")).getText()).isEqualTo("Connected as Demo Listener 1.");
			assertThat(driver.findElement(By.id("demo-banner")).getText()).contains("not connected to Spotify");
		}
		finally {
			driver.quit();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from spotify_tokens t join users u on u.id = t.user_id "
				+ "where u.spotify_user_id = 'listener00001' and t.status = 'valid'", Integer.class))
			.isEqualTo(1);
	}

	private int count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Integer.class);
	}

	private static String rawGet(InetAddress from, String path, String... headers) throws Exception {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), PORT, from, 0)) {
			OutputStream out = socket.getOutputStream();
			StringBuilder extra = new StringBuilder();
			for (String header : headers) {
				extra.append(header).append("\r\n");
			}
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\n" + extra
					+ "Connection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			return in.lines().collect(Collectors.joining("\n"));
		}
	}

	private static Map<String, String> query(String url) {
		Map<String, String> values = new LinkedHashMap<>();
		String raw = URI.create(url).getRawQuery();
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A cookie-keeping client that does not follow redirects, like a careful browser. */
	private static final class Browser {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String url) throws Exception {
			return get(url, Map.of());
		}

		HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
			headers.forEach(request::header);
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String url, Map<String, String> form, String authorization) throws Exception {
			return post(url, form, authorization, Map.of());
		}

		HttpResponse<String> post(String url, Map<String, String> form, String authorization,
				Map<String, String> headers) throws Exception {
			return post(url,
					form.entrySet()
						.stream()
						.map((entry) -> enc(entry.getKey()) + "=" + enc(entry.getValue()))
						.collect(Collectors.joining("&")),
					authorization, headers);
		}

		HttpResponse<String> post(String url, String form, String authorization) throws Exception {
			return post(url, form, authorization, Map.of());
		}

		HttpResponse<String> post(String url, String form, String authorization, Map<String, String> headers)
				throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form));
			headers.forEach(request::header);
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Answers the emulator's consent page the way its form does; returns the callback
		 * URL.
		 */
		String consent(String authorizeUrl, String user, String decision) throws Exception {
			Map<String, String> form = new LinkedHashMap<>(query(authorizeUrl));
			form.put("user", user);
			form.put("decision", decision);
			HttpResponse<String> answer = post(emulator.baseUrl() + "/authorize", form, null);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
			String location = answer.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith(CALLBACK + "?");
			return location;
		}

	}

}
