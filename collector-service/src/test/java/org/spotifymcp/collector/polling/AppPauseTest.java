package org.spotifymcp.collector.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spotify's per-app quota (July 2026): a 429 {@code QUOTA_EXCEEDED} pauses every call
 * made with the app until the stated time. Polls of several users raise one alert, send
 * nothing to Spotify during the pause (token refreshes included), and lose no play once
 * the pause is over.
 */
class AppPauseTest extends AlertedCollectorTest {

	private static final String APP = EmulatorSettings.DEMO_CLIENT_ID;

	@Autowired
	UserPoller poller;

	@Autowired
	SpotifyClient client;

	@AfterEach
	void endPauses() {
		this.jdbc.update("DELETE FROM spotify_app_pauses");
	}

	@Test
	void quotaExceededPausesTheAppOnceAndNoPlayIsLost() {
		List<String> spotifyIds = List.of("quota-a", "quota-b", "quota-c");
		List<Integer> users = spotifyIds.stream().map(this.listeners::connect).toList();
		Instant start = emulator.now();
		for (int i = 0; i < users.size(); i++) {
			this.listeners.listen(spotifyIds.get(i), start.minus(Duration.ofMinutes(30)), 5, Duration.ofMinutes(3));
			assertThat(poll(users.get(i)).stops()).isFalse();
		}
		// more plays, then Spotify says the app's quota is used up for the next hour
		for (String id : spotifyIds) {
			this.listeners.listen(id, start.plusSeconds(30), 4, Duration.ofMinutes(2));
		}
		emulator.advance(Duration.ofMinutes(10));
		Instant quotaEnds = emulator.now().plus(Duration.ofHours(1));
		emulator.inject(Fault.quotaExceeded().forClient(APP).between(null, quotaEnds));
		long callsBefore = emulator.apiCalls(APP);
		long refusedBefore = emulator.quotaExceededCalls(APP);

		PollOutcome first = poll(users.get(0));

		assertThat(emulator.apiCalls(APP) - callsBefore).isOne();
		assertThat(emulator.quotaExceededCalls(APP) - refusedBefore).isOne();
		assertThat(first.nextRunAt()).isBetween(quotaEnds.minusSeconds(2), quotaEnds.plusSeconds(2));
		Instant pausedUntil = this.jdbc
			.queryForObject("SELECT paused_until FROM spotify_app_pauses WHERE client_id = ?", java.sql.Timestamp.class,
					APP)
			.toInstant();
		assertThat(pausedUntil).isEqualTo(first.nextRunAt());

		// during the pause: every user's poll, a token refresh and a live call wait
		emulator.expireAccessTokens();
		long tokenRequests = emulator.requestCount("/api/token");
		long runsOfB = this.listeners.jobRuns(users.get(1), UserPoller.JOB_TYPE);
		for (int round = 0; round < 3; round++) {
			for (int user : users) {
				assertThat(poll(user).nextRunAt()).isEqualTo(pausedUntil);
			}
		}
		assertThatExceptionOfType(SpotifyApiException.class)
			.isThrownBy(() -> this.client.forUser(users.get(2), new SpotifyCallStats()).me())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.APP_PAUSED));
		assertThat(emulator.apiCalls(APP) - callsBefore).isOne();
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenRequests);
		assertThat(this.listeners.jobRuns(users.get(1), UserPoller.JOB_TYPE)).isEqualTo(runsOfB);
		assertThat(this.listeners.checkpointStatus(users.get(1))).isEqualTo("polling");
		assertThat(this.jdbc.queryForObject("SELECT consecutive_failures FROM sync_checkpoints WHERE user_id = ?",
				Integer.class, users.get(1)))
			.isZero();
		assertThat(alerts("spotify_app_paused")).singleElement()
			.asString()
			.contains("QUOTA_EXCEEDED")
			.contains(APP)
			.contains(pausedUntil.toString());

		// listening goes on meanwhile; the pause ends and polling takes every play in
		for (String id : spotifyIds) {
			this.listeners.listen(id, emulator.now().plusSeconds(60), 6, Duration.ofMinutes(5));
		}
		emulator.setNow(pausedUntil.plus(Duration.ofMinutes(5)));
		for (int i = 0; i < users.size(); i++) {
			assertThat(poll(users.get(i)).nextRunAt()).isAfter(pausedUntil);
			assertThat(this.listeners.collected(users.get(i))).hasSize(15)
				.isEqualTo(this.listeners.truth(spotifyIds.get(i)));
		}
		assertThat(alerts("spotify_app_paused")).hasSize(1);
		assertThat(webhook.bodies()).hasSize(1);
	}

	@Test
	void aShortRetryAfterStaysAPlainRetryOfOneCall() {
		int user = this.listeners.connect("quota-short");
		this.listeners.listen("quota-short", emulator.now().minus(Duration.ofMinutes(10)), 3, Duration.ofMinutes(2));
		emulator.inject(Fault.rateLimited(Duration.ofSeconds(1)).forUser("quota-short").times(1));
		assertThat(poll(user).stops()).isFalse();
		assertThat(this.listeners.collected(user)).isEqualTo(this.listeners.truth("quota-short"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM spotify_app_pauses", Long.class)).isZero();
		assertThat(webhook.bodies()).isEmpty();
	}

	@Test
	void aRetryAfterLongerThanThePollIntervalPausesTheAppToo() {
		int user = this.listeners.connect("quota-long");
		this.listeners.listen("quota-long", emulator.now().minus(Duration.ofMinutes(10)), 3, Duration.ofMinutes(2));
		emulator.inject(Fault.rateLimited(Duration.ofHours(2)).forUser("quota-long"));
		long calls = emulator.apiCalls(APP);
		PollOutcome outcome = poll(user);
		assertThat(outcome.nextRunAt()).isEqualTo(emulator.now().plus(Duration.ofHours(2)));
		assertThat(emulator.apiCalls(APP) - calls).isOne();
		assertThat(alerts("spotify_app_paused")).singleElement().asString().contains("Retry-After 7200 s");
		assertThat(poll(user).nextRunAt()).isEqualTo(outcome.nextRunAt());
		assertThat(emulator.apiCalls(APP) - calls).isOne();
	}

	private PollOutcome poll(int user) {
		return this.poller.poll(user, "test", () -> false);
	}

}
