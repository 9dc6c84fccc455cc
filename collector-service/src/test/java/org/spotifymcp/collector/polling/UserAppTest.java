package org.spotifymcp.collector.polling;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.DeveloperApp;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.users.User;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spotify app per user: a listener attached to app B refreshes their token and is
 * polled with app B's credentials (the emulator binds refresh tokens to their client, so
 * the default app's could not), and a quota pause of app B stops only app B's users.
 */
class UserAppTest extends AlertedCollectorTest {

	private static final String APP_B = "family-app-b";

	private static final String SECRET_B = "secret-of-family-app-b";

	@Autowired
	UserPoller poller;

	@Autowired
	SpotifyApps apps;

	@Autowired
	TokenCipher cipher;

	@AfterEach
	void endPauses() {
		this.jdbc.update("DELETE FROM spotify_app_pauses");
	}

	@Test
	void aUserOnAppBRefreshesAndIsPolledWithAppB() {
		int appB = appB();
		String spotifyId = "app-b-listener";
		int user = connectThrough(spotifyId, appB);
		this.listeners.listen(spotifyId, emulator.now().minus(Duration.ofMinutes(40)), 6, Duration.ofMinutes(4));
		// Spotify forgets the access token: the poll must refresh, with app B's secret
		emulator.expireAccessTokens();
		long callsB = emulator.apiCalls(APP_B);
		long callsDefault = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);
		long refreshes = emulator.requestCount("/api/token");

		PollOutcome outcome = this.poller.poll(user, "test", () -> false);

		assertThat(outcome.stops()).isFalse();
		assertThat(this.listeners.collected(user)).hasSize(6).isEqualTo(this.listeners.truth(spotifyId));
		assertThat(emulator.requestCount("/api/token") - refreshes).isOne();
		assertThat(emulator.apiCalls(APP_B) - callsB).isPositive();
		assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID)).isEqualTo(callsDefault);
		assertThat(emulator.appUsers(APP_B)).contains(spotifyId);
		assertThat(this.listeners.checkpointStatus(user)).isNotEqualTo("reauth_required");
	}

	@Test
	void aQuotaPauseOfAppBStopsOnlyAppBsUsers() {
		int appB = appB();
		int onB = connectThrough("app-b-quota", appB);
		int onDefault = this.listeners.connect("default-app-quota");
		this.listeners.listen("app-b-quota", emulator.now().minus(Duration.ofMinutes(20)), 3, Duration.ofMinutes(3));
		this.listeners.listen("default-app-quota", emulator.now().minus(Duration.ofMinutes(20)), 3,
				Duration.ofMinutes(3));
		Instant quotaEnds = emulator.now().plus(Duration.ofHours(1));
		emulator.inject(Fault.quotaExceeded().forClient(APP_B).between(null, quotaEnds));

		PollOutcome paused = this.poller.poll(onB, "test", () -> false);

		assertThat(paused.nextRunAt()).isBetween(quotaEnds.minusSeconds(2), quotaEnds.plusSeconds(2));
		assertThat(this.jdbc.queryForList("SELECT client_id FROM spotify_app_pauses", String.class))
			.containsExactly(APP_B);
		assertThat(alerts("spotify_app_paused")).singleElement().asString().contains(APP_B);
		assertThat(this.poller.poll(onDefault, "test", () -> false).stops()).isFalse();
		assertThat(this.listeners.collected(onDefault)).isEqualTo(this.listeners.truth("default-app-quota"));
	}

	@Test
	void theClientSecretIsStoredEncrypted() {
		int appB = appB();
		String stored = this.jdbc.queryForObject("SELECT client_secret_encrypted FROM spotify_apps WHERE id = ?",
				String.class, appB);
		assertThat(stored).doesNotContain(SECRET_B);
		assertThat(this.cipher.decrypt(stored)).isEqualTo(SECRET_B);
		assertThat(this.apps.credentials(appB)).hasValueSatisfying((app) -> {
			assertThat(app.clientSecret()).isEqualTo(SECRET_B);
			assertThat(app.toString()).doesNotContain(SECRET_B);
		});
	}

	/** App B, registered at the emulator (development mode, 5 users) and with us. */
	private int appB() {
		emulator.registerApp(DeveloperApp.developmentMode(APP_B, SECRET_B, "family-b-owner"));
		return this.apps.list(new org.spotifymcp.shared.admin.PageRequest(0, 50))
			.items()
			.stream()
			.filter((app) -> app.clientId().equals(APP_B))
			.map(SpotifyApps.AppView::id)
			.findFirst()
			.orElseGet(() -> this.apps.add("Family B", APP_B, SECRET_B).id());
	}

	/** A listener who consented to app B, stored as our login would store them. */
	private int connectThrough(String spotifyId, int appId) {
		emulator.addUser(FakeUser.scriptedOnly(spotifyId, spotifyId));
		User user = this.users.save(new User(spotifyId, spotifyId, "UTC"));
		this.apps.attach(user.getId(), appId);
		IssuedTokens issued = emulator.issueTokens(spotifyId, APP_B, SpotifyEmulator.DEFAULT_SCOPE);
		this.tokens.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				emulator.now().plus(issued.expiresIn()), issued.scope());
		return user.getId();
	}

}
