package org.spotifymcp.shared.spotify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pauses of a whole Spotify app (client id), kept in {@code spotify_app_pauses} so that
 * every collector and API instance honours them. Since July 2026 Spotify counts quota per
 * developer account and answers 429 with {@code reason: QUOTA_EXCEEDED} when it is used
 * up; retrying per user would only burn more of it. Such a 429, or any 429 whose
 * {@code Retry-After} is longer than the poll interval, pauses every call made with that
 * client id until the stated time: {@link #check} runs before each call (API calls and
 * token refreshes alike) and fails at once without asking Spotify. The instance that
 * starts a pause logs it and raises one alert; later answers only extend it.
 */
public class SpotifyAppPauses {

	private static final Logger logger = LoggerFactory.getLogger(SpotifyAppPauses.class);

	/** Starts a pause unless one is running; only one instance wins the row. */
	private static final String START = """
			INSERT INTO spotify_app_pauses AS p (client_id, paused_until, paused_at, reason) VALUES (?, ?, ?, ?)
			ON CONFLICT (client_id) DO UPDATE
			   SET paused_until = excluded.paused_until, paused_at = excluded.paused_at, reason = excluded.reason
			 WHERE p.paused_until <= excluded.paused_at
			RETURNING client_id
			""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final AlertNotifier alerts;

	private final Duration longestPlainWait;

	/**
	 * @param longestPlainWait the poll interval: a 429 asking to wait longer than this
	 * pauses the app rather than the one call
	 */
	public SpotifyAppPauses(JdbcTemplate jdbc, Clock clock, AlertNotifier alerts, Duration longestPlainWait) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.alerts = alerts;
		this.longestPlainWait = longestPlainWait;
	}

	/**
	 * A running pause of an app.
	 *
	 * @param clientId the app
	 * @param until when calls may go out again
	 * @param reason why, in words
	 */
	public record Pause(String clientId, Instant until, String reason) {

	}

	/** The app's pause, if one runs now. */
	public Optional<Pause> current(String clientId) {
		List<Pause> pauses = this.jdbc.query(
				"SELECT client_id, paused_until, reason FROM spotify_app_pauses WHERE client_id = ? AND paused_until > ?",
				(row, i) -> new Pause(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3)), clientId,
				Timestamp.from(this.clock.instant()));
		return pauses.stream().findFirst();
	}

	/**
	 * Fails when the app is paused, before anything is sent to Spotify.
	 * @throws SpotifyApiException {@link SpotifyApiException.Kind#APP_PAUSED} with the
	 * time left as {@code retryAfter}
	 */
	public void check(String clientId) {
		Optional<Pause> pause = current(clientId);
		if (pause.isPresent()) {
			throw paused(pause.get(), this.clock.instant(), null);
		}
	}

	/**
	 * Looks at a failed call: a 429 that says {@code QUOTA_EXCEEDED}, or asks for a
	 * longer wait than a poll interval, pauses the app.
	 * @return the exception to throw: {@link SpotifyApiException.Kind#APP_PAUSED} when
	 * the app is now paused, otherwise {@code failure} itself
	 */
	public SpotifyApiException afterFailure(String clientId, SpotifyApiException failure) {
		if (failure.kind() != SpotifyApiException.Kind.RATE_LIMITED || !pausesApp(failure)) {
			return failure;
		}
		Instant now = this.clock.instant();
		Instant until = now.plus(failure.retryAfter());
		String reason = (failure.isQuotaExceeded() ? "Spotify answered 429 QUOTA_EXCEEDED"
				: "Spotify answered 429 with Retry-After " + failure.retryAfter().toSeconds() + " s") + " for app "
				+ clientId;
		Pause pause = new Pause(clientId, until, reason);
		boolean started = !this.jdbc
			.queryForList(START, String.class, clientId, Timestamp.from(until), Timestamp.from(now), reason)
			.isEmpty();
		if (started) {
			logger.warn(LogEvents.PERSIST,
					"{}: every Spotify call with this app (polls, initial syncs, token refreshes, live tools) is"
							+ " paused until {}",
					reason, until);
			this.alerts.spotifyAppPaused(clientId, until, reason);
		}
		else {
			// another caller started the pause: at most move its end later
			this.jdbc.update(
					"UPDATE spotify_app_pauses SET paused_until = GREATEST(paused_until, ?) WHERE client_id = ?",
					Timestamp.from(until), clientId);
		}
		return paused(pause, now, failure);
	}

	private boolean pausesApp(SpotifyApiException failure) {
		return failure.isQuotaExceeded()
				|| (failure.retryAfter() != null && failure.retryAfter().compareTo(this.longestPlainWait) > 0);
	}

	private static SpotifyApiException paused(Pause pause, Instant now, SpotifyApiException cause) {
		Duration left = Duration.between(now, pause.until());
		return new SpotifyApiException(
				SpotifyApiException.Kind.APP_PAUSED, 429, "Spotify calls with app " + pause.clientId()
						+ " are paused until " + pause.until() + " (" + pause.reason() + ")",
				left.isNegative() ? Duration.ZERO : left, pause.reason(), cause);
	}

}
