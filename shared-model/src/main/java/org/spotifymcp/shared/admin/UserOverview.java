package org.spotifymcp.shared.admin;

import java.time.Instant;

/**
 * One user at a glance: who, whether Spotify is linked, and how collection goes.
 *
 * @param id the user id
 * @param displayName the name shown to people
 * @param spotifyUserId the Spotify account, null for import-only users
 * @param timeZone IANA zone used for the user's analytics
 * @param createdAt when the user was added
 * @param tokenStatus {@code valid}, {@code revoked} or {@code none}
 * @param syncStatus the checkpoint state ({@code idle}, {@code polling}, {@code paused},
 * ...) or {@code none} before the collector has seen the user
 * @param lastPollAt when Spotify was last asked
 * @param lastPlayedAt the newest play collected by polling
 * @param nextPollAt when the next poll is due
 * @param consecutiveFailures polls failed in a row
 * @param lastError the last collection error
 * @param plays how many plays are stored
 * @param consentedAt when the listener last consented to the Spotify app, null when not
 * known
 * @param reconnectBy when that consent ends (six months later): the listener must
 * reconnect by then; null when not known
 * @param spotifyAppId the Spotify app the user's logins and calls go through, null for
 * the default app of {@code SPOTIFY_CLIENT_ID}
 * @param spotifyAppLabel that app's label, null for the default app
 */
public record UserOverview(int id, String displayName, String spotifyUserId, String timeZone, Instant createdAt,
		String tokenStatus, String syncStatus, Instant lastPollAt, Instant lastPlayedAt, Instant nextPollAt,
		int consecutiveFailures, String lastError, long plays, Instant consentedAt, Instant reconnectBy,
		Integer spotifyAppId, String spotifyAppLabel) {

	/** The day (UTC) the listener must reconnect Spotify by, or null. */
	public java.time.LocalDate reconnectByDate() {
		return (this.reconnectBy != null) ? java.time.LocalDate.ofInstant(this.reconnectBy, java.time.ZoneOffset.UTC)
				: null;
	}

	public boolean isSpotifyLinked() {
		return "valid".equals(this.tokenStatus);
	}

	public boolean isPaused() {
		return "paused".equals(this.syncStatus);
	}

	/** A name for people even when Spotify gave none. */
	public String label() {
		return label(this.id, this.displayName, this.spotifyUserId);
	}

	/**
	 * A name for people: the display name, else the Spotify id, else the number.
	 * @param id the user id
	 * @param displayName the display name, may be null or blank
	 * @param spotifyUserId the Spotify id, may be null
	 * @return the label
	 */
	public static String label(int id, String displayName, String spotifyUserId) {
		if (displayName != null && !displayName.isBlank()) {
			return displayName;
		}
		return (spotifyUserId != null && !spotifyUserId.isBlank()) ? spotifyUserId : "user " + id;
	}

}
