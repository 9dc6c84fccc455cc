package org.spotifymcp.api.auth;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.DeveloperApp;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invite links end to end over real HTTP against the emulator: the login of an invite
 * runs against the invite's Spotify app (client id in the authorize URL, code exchanged
 * with that app's secret), admits a listener missing from the allowlist, attaches them to
 * the app, and works once; used, expired, withdrawn and unknown invites get a page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "app.ops.rate-limit-auth-per-minute=100", "management.server.port=0" })
class InviteLoginTest {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final String CALLBACK = BASE + "/auth/callback";

	private static final String APP_B = "invite-app-b";

	private static final String SECRET_B = "invite-app-b-secret";

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

	static {
		for (String id : new String[] { "zoe", "yuri", "xena" }) {
			emulator.addUser(FakeUser.scriptedOnly(id, Character.toUpperCase(id.charAt(0)) + id.substring(1)));
		}
		emulator.registerApp(DeveloperApp.developmentMode(APP_B, SECRET_B, "family-owner"));
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
		// only somebody else is on the allowlist: the invite alone admits the listener
		registry.add("app.spotify.allowed-user-ids", () -> "someone-else");
		registry.add("app.ops.api-base-url", () -> BASE);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SpotifyApps apps;

	@Autowired
	SpotifyAppInvites invites;

	@Autowired
	TokenCipher cipher;

	@Autowired
	SpotifyClient client;

	@Test
	void anInviteConnectsANewListenerThroughItsAppOnce() throws Exception {
		int appB = appB();
		SpotifyAppInvites.CreatedInvite invite = this.invites.create(appB, null, "for Zoe");
		Browser browser = new Browser();

		HttpResponse<String> login = browser.get(BASE + "/auth/login?invite=" + invite.token());
		assertThat(login.statusCode()).isEqualTo(302);
		String authorize = login.headers().firstValue("Location").orElseThrow();
		assertThat(query(authorize)).containsEntry("client_id", APP_B).containsEntry("redirect_uri", CALLBACK);
		HttpResponse<String> callback = browser.get(browser.consent(authorize, "zoe"));
		assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
		assertThat(callback.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/connected"));

		Map<String, Object> user = this.jdbc
			.queryForMap("SELECT id, spotify_app_id FROM users WHERE spotify_user_id = 'zoe'");
		int zoe = (Integer) user.get("id");
		assertThat(user.get("spotify_app_id")).isEqualTo(appB);
		// Spotify (the emulator) saw app B: Zoe is one of its users and the token is B's
		assertThat(emulator.appUsers(APP_B)).contains("zoe");
		assertThat(emulator.appUsers(EmulatorSettings.DEMO_CLIENT_ID)).doesNotContain("zoe");
		String refresh = this.cipher.decrypt(this.jdbc
			.queryForObject("SELECT refresh_token_encrypted FROM spotify_tokens WHERE user_id = ?", String.class, zoe));
		assertThat(emulator.issuedSecrets()).contains(refresh);
		assertThat(this.invites.get(invite.invite().id())).satisfies((used) -> {
			assertThat(used.state()).isEqualTo(SpotifyAppInvites.State.USED);
			assertThat(used.usedByUserId()).isEqualTo(zoe);
		});

		// later calls for Zoe (live tools, refreshes) go through app B as well
		emulator.expireAccessTokens();
		long callsB = emulator.apiCalls(APP_B);
		assertThat(this.client.forUser(zoe, new SpotifyCallStats()).me().id()).isEqualTo("zoe");
		assertThat(emulator.apiCalls(APP_B)).isGreaterThan(callsB);

		// Zoe reconnects from her listener space (signed in, no invite): the login runs
		// through app B
		HttpResponse<String> reconnect = browser.get(BASE + "/auth/login");
		String reauthorize = reconnect.headers().firstValue("Location").orElseThrow();
		assertThat(query(reauthorize)).containsEntry("client_id", APP_B);
		assertThat(browser.get(browser.consent(reauthorize, "zoe")).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("SELECT spotify_app_id FROM users WHERE id = ?", Integer.class, zoe))
			.isEqualTo(appB);
		// signing in elsewhere through the default app (say at /me) keeps Zoe on app B
		// with B's token
		String tokenOnB = this.jdbc
			.queryForObject("SELECT refresh_token_encrypted FROM spotify_tokens WHERE user_id = ?", String.class, zoe);
		Browser elsewhere = new Browser();
		String viaDefault = elsewhere.get(BASE + "/auth/login").headers().firstValue("Location").orElseThrow();
		assertThat(query(viaDefault)).containsEntry("client_id", EmulatorSettings.DEMO_CLIENT_ID);
		assertThat(elsewhere.get(elsewhere.consent(viaDefault, "zoe")).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("SELECT spotify_app_id FROM users WHERE id = ?", Integer.class, zoe))
			.isEqualTo(appB);
		assertThat(this.jdbc.queryForObject("SELECT refresh_token_encrypted FROM spotify_tokens WHERE user_id = ?",
				String.class, zoe))
			.isEqualTo(tokenOnB);
		// ... but nobody else gets into app B without an invite through that browser
		String intruder = browser.get(BASE + "/auth/login").headers().firstValue("Location").orElseThrow();
		HttpResponse<String> refused = browser.get(browser.consent(intruder, "xena"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Invite needed");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE spotify_user_id = 'xena'", Integer.class))
			.isZero();

		// the link works once
		HttpResponse<String> again = new Browser().get(BASE + "/auth/login?invite=" + invite.token());
		assertThat(again.statusCode()).isEqualTo(410);
		assertThat(again.body()).contains("Invite already used").contains("class=\"error\"").contains("/css/app.css");
	}

	@Test
	void unknownExpiredAndWithdrawnInvitesGetAPageAndNoLogin() throws Exception {
		int appB = appB();
		HttpResponse<String> unknown = new Browser().get(BASE + "/auth/login?invite=not-a-real-invite");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("Invite not found").contains("id=\"invite-problem\"");

		SpotifyAppInvites.CreatedInvite expired = this.invites.create(appB, Duration.ofHours(1), null);
		this.jdbc.update("UPDATE spotify_app_invites SET expires_at = now() - interval '1 minute' WHERE id = ?",
				expired.invite().id());
		HttpResponse<String> late = new Browser().get(BASE + "/auth/login?invite=" + expired.token());
		assertThat(late.statusCode()).isEqualTo(410);
		assertThat(late.body()).contains("Invite expired").doesNotContain(emulator.baseUrl());

		SpotifyAppInvites.CreatedInvite withdrawn = this.invites.create(null, null, null);
		this.invites.revoke(withdrawn.invite().id());
		HttpResponse<String> revoked = new Browser().get(BASE + "/auth/login?invite=" + withdrawn.token());
		assertThat(revoked.statusCode()).isEqualTo(410);
		assertThat(revoked.body()).contains("Invite withdrawn");
	}

	@Test
	void anInviteUsedUpWhileTheLoginRanStoresNothing() throws Exception {
		int appB = appB();
		SpotifyAppInvites.CreatedInvite invite = this.invites.create(appB, null, null);
		Browser browser = new Browser();
		String authorize = browser.get(BASE + "/auth/login?invite=" + invite.token())
			.headers()
			.firstValue("Location")
			.orElseThrow();
		String callback = browser.consent(authorize, "yuri");
		// another browser's login takes the invite first
		this.jdbc.update("UPDATE spotify_app_invites SET used_at = now() WHERE id = ?", invite.invite().id());

		HttpResponse<String> refused = browser.get(callback);

		assertThat(refused.statusCode()).isEqualTo(410);
		assertThat(refused.body()).contains("Invite no longer valid").contains("used by another login");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE spotify_user_id = 'yuri'", Integer.class))
			.isZero();
	}

	@Test
	void withoutAnInviteTheAllowlistStillHolds() throws Exception {
		Browser browser = new Browser();
		String authorize = browser.get(BASE + "/auth/login").headers().firstValue("Location").orElseThrow();
		assertThat(query(authorize)).containsEntry("client_id", EmulatorSettings.DEMO_CLIENT_ID);
		HttpResponse<String> refused = browser.get(browser.consent(authorize, "xena"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("invite link");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE spotify_user_id = 'xena'", Integer.class))
			.isZero();
	}

	private int appB() {
		return this.apps.list(new org.spotifymcp.shared.admin.PageRequest(0, 50))
			.items()
			.stream()
			.filter((app) -> app.clientId().equals(APP_B))
			.map(SpotifyApps.AppView::id)
			.findFirst()
			.orElseGet(() -> this.apps.add("Family", APP_B, SECRET_B).id());
	}

	private static Map<String, String> query(String url) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	/** A cookie-keeping client that does not follow redirects. */
	private static final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String url) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Accepts on the emulator's consent page as {@code user}; returns the callback
		 * URL.
		 */
		String consent(String authorizeUrl, String user) throws Exception {
			Map<String, String> form = new LinkedHashMap<>(query(authorizeUrl));
			form.put("user", user);
			form.put("decision", "accept");
			String body = form.entrySet()
				.stream()
				.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			HttpResponse<String> answer = this.http
				.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/authorize"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
			String location = answer.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith(CALLBACK + "?");
			return location;
		}

	}

}
