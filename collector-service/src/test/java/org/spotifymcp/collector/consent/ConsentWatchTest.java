package org.spotifymcp.collector.consent;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.AlertedCollectorTest;
import org.spotifymcp.collector.polling.PollOutcome;
import org.spotifymcp.collector.polling.UserPoller;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.shared.consent.SpotifyConsent;
import org.spotifymcp.shared.consent.SpotifyConsents;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spotify's six-month consent against the emulator, which ends refresh tokens six months
 * after consent: the consent time is stored and restarts on reconnect, reminders go out
 * 14 and 3 days before and on expiry once each, and an expired consent makes the user
 * {@code reauth_required} with a coverage gap that says why, closed by the reconnect.
 */
class ConsentWatchTest extends AlertedCollectorTest {

	@Autowired
	ConsentWatch watch;

	@Autowired
	SpotifyConsents consents;

	@Autowired
	UserPoller poller;

	@Test
	void consentIsStoredAndAReconnectRestartsItLosingNothing() {
		int user = this.listeners.connect("consent-restart");
		Instant firstConsent = emulator.now();
		SpotifyConsent consent = this.consents.find(user).orElseThrow();
		assertThat(consent.consentedAt()).isEqualTo(firstConsent);
		assertThat(consent.reconnectBy()).isEqualTo(firstConsent.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
		assertThat(consent.reconnectBy()).isEqualTo(emulator.consents()
			.stream()
			.filter((known) -> known.userId().equals("consent-restart"))
			.findFirst()
			.orElseThrow()
			.refreshExpiresAt());
		this.listeners.listen("consent-restart", firstConsent.minus(Duration.ofMinutes(20)), 5, Duration.ofMinutes(3));
		poll(user);

		emulator.advance(Duration.ofDays(40));
		reconnect(user, "consent-restart");

		Instant secondConsent = emulator.now();
		consent = this.consents.find(user).orElseThrow();
		assertThat(consent.consentedAt()).isEqualTo(secondConsent);
		assertThat(consent.reconnectByDate())
			.isEqualTo(LocalDate.ofInstant(secondConsent, ZoneOffset.UTC).plusMonths(6));
		assertThat(this.listeners.collected(user)).hasSize(5);
		assertThat(this.listeners.checkpointStatus(user)).isEqualTo("polling");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM coverage_gaps WHERE user_id = ?", Long.class, user))
			.isZero();
	}

	@Test
	void remindersAt14And3DaysAndTheExpiryGoOutOnceEachAndTheGapClosesOnReconnect() {
		int polled = this.listeners.connect("consent-polled");
		int idle = this.listeners.connect("consent-idle");
		this.listeners.listen("consent-polled", emulator.now().minus(Duration.ofMinutes(20)), 5, Duration.ofMinutes(3));
		poll(polled);
		Instant reconnectBy = this.consents.find(polled).orElseThrow().reconnectBy();

		emulator.setNow(reconnectBy.minus(Duration.ofDays(15)));
		this.watch.check();
		assertThat(about("consent_reminder")).isEmpty();
		// users of other tests in this database may get their own alerts; only ours count
		webhook.clear();

		emulator.setNow(reconnectBy.minus(Duration.ofDays(14)).plus(Duration.ofHours(1)));
		this.watch.check();
		this.watch.check();
		assertThat(about("consent_reminder")).singleElement()
			.asString()
			.contains("consent-polled")
			.contains("consent-idle")
			.contains("reconnect by " + LocalDate.ofInstant(reconnectBy, ZoneOffset.UTC))
			.contains("13 days left");

		emulator.setNow(reconnectBy.minus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
		this.watch.check();
		this.watch.check();
		assertThat(about("consent_reminder")).hasSize(2);
		assertThat(about("consent_reminder").get(1)).contains("consent-polled").contains("2 days left");

		// six months after the consent: Spotify refuses the refresh token
		emulator.setNow(reconnectBy.plus(Duration.ofMinutes(30)));
		emulator.expireAccessTokens();
		assertThat(poll(polled).stops()).isTrue();
		assertThat(this.listeners.checkpointStatus(polled)).isEqualTo("reauth_required");
		// the other one is ended by the watch before any poll asks Spotify
		this.watch.check();
		this.watch.check();
		assertThat(this.listeners.checkpointStatus(idle)).isEqualTo("reauth_required");
		long tokenRequests = emulator.requestCount("/api/token");
		assertThat(poll(idle).stops()).isTrue();
		assertThat(poll(polled).stops()).isTrue();
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenRequests);

		assertThat(about("consent_expired")).singleElement()
			.asString()
			.contains("consent-polled")
			.contains("consent-idle")
			.contains("consent expired on " + LocalDate.ofInstant(reconnectBy, ZoneOffset.UTC));
		assertThat(alerts("token_revocation")).isEmpty();
		String expiredOn = LocalDate.ofInstant(reconnectBy, ZoneOffset.UTC).toString();
		for (int user : List.of(polled, idle)) {
			Map<String, Object> gap = consentGap(user);
			assertThat(((Timestamp) gap.get("gap_start")).toInstant()).isEqualTo(reconnectBy);
			assertThat(gap.get("reason"))
				.isEqualTo("Spotify consent expired on " + expiredOn + "; not reconnected yet");
		}

		// days pass: the gap grows; the listener reconnects and it closes with the reason
		emulator.advance(Duration.ofDays(5));
		this.watch.check();
		assertThat(((Timestamp) consentGap(polled).get("gap_end")).toInstant()).isEqualTo(emulator.now());
		this.listeners.listen("consent-polled", emulator.now().minus(Duration.ofHours(1)), 4, Duration.ofMinutes(4));
		emulator.advance(Duration.ofHours(1));
		reconnect(polled, "consent-polled");
		Instant reconnectedAt = emulator.now();

		Map<String, Object> gap = consentGap(polled);
		assertThat(((Timestamp) gap.get("gap_end")).toInstant()).isEqualTo(reconnectedAt);
		assertThat(gap.get("reason")).isEqualTo("Spotify consent expired on " + expiredOn + "; reconnected on "
				+ LocalDate.ofInstant(reconnectedAt, ZoneOffset.UTC));
		assertThat(this.listeners.checkpointStatus(polled)).isEqualTo("idle");
		assertThat(this.consents.find(polled).orElseThrow().consentedAt()).isEqualTo(reconnectedAt);
		assertThat(poll(polled).stops()).isFalse();
		assertThat(this.listeners.collected(polled)).hasSize(9);
		this.watch.check();
		assertThat(about("consent_reminder")).hasSize(2);
		assertThat(about("consent_expired")).hasSize(1);
	}

	/** Alerts of a kind that name the listeners of this test. */
	private static List<String> about(String kind) {
		return alerts(kind).stream().filter((body) -> body.contains("consent-polled")).toList();
	}

	private Map<String, Object> consentGap(int user) {
		return this.jdbc.queryForMap("SELECT gap_start, gap_end, reason FROM coverage_gaps"
				+ " WHERE user_id = ? AND reason IS NOT NULL ORDER BY id DESC LIMIT 1", user);
	}

	private void reconnect(int user, String spotifyId) {
		IssuedTokens issued = emulator.issueTokens(spotifyId);
		this.tokens.saveLogin(user, issued.accessToken(), issued.refreshToken(),
				emulator.now().plus(issued.expiresIn()), issued.scope());
	}

	private PollOutcome poll(int user) {
		return this.poller.poll(user, "test", () -> false);
	}

}
