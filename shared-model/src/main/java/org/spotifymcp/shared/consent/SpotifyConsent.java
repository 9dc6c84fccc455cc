package org.spotifymcp.shared.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * When a listener last consented to the Spotify app, and the day they must reconnect by.
 *
 * @param userId the user
 * @param consentedAt the last {@code /auth/callback}; {@code null} for listeners who
 * connected before consent times were recorded
 * @param reconnectBy when the refresh token stops working ({@code consentedAt} +
 * {@link #LIFETIME}); {@code null} when not known
 */
public record SpotifyConsent(int userId, Instant consentedAt, Instant reconnectBy) {

	/**
	 * Spotify's rule since 2026 (announced 2026-06-18, for existing apps from
	 * 2026-07-20): a refresh token works for six months after the user's consent, however
	 * often it is refreshed, then answers {@code invalid_grant}. The default demo app
	 * (the emulator) follows the same rule. Months count in UTC, like Spotify's.
	 */
	public static final Period LIFETIME = Period.ofMonths(6);

	/** The first reminder goes out this long before the consent ends. */
	public static final Duration FIRST_REMINDER = Duration.ofDays(14);

	/** The last reminder goes out this long before the consent ends. */
	public static final Duration LAST_REMINDER = Duration.ofDays(3);

	/** When a consent given at {@code consentedAt} ends. */
	public static Instant reconnectBy(Instant consentedAt) {
		return consentedAt.atOffset(ZoneOffset.UTC).plus(LIFETIME).toInstant();
	}

	/** The reconnect-by day (UTC), or {@code null} when not known. */
	public LocalDate reconnectByDate() {
		return (this.reconnectBy != null) ? LocalDate.ofInstant(this.reconnectBy, ZoneOffset.UTC) : null;
	}

	/** Whether the consent has ended at {@code now}. */
	public boolean isExpired(Instant now) {
		return this.reconnectBy != null && !now.isBefore(this.reconnectBy);
	}

	/** Whole days left until the consent ends (0 on its last day, negative after). */
	public Long daysLeft(Instant now) {
		return (this.reconnectBy != null) ? Math.floorDiv(Duration.between(now, this.reconnectBy).toHours(), 24) : null;
	}

}
