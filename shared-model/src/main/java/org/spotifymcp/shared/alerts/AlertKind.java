package org.spotifymcp.shared.alerts;

/**
 * What an alert is about. Each kind is throttled on its own: at most one message per kind
 * per throttle period (an hour by default), whichever instance raises it.
 */
public enum AlertKind {

	/** The same collector job failed several times in a row. */
	JOB_FAILURE_STREAK("job_failure_streak", "Collector job failing repeatedly"),

	/** An export import ended in error. */
	IMPORT_FAILURE("import_failure", "Import failed"),

	/** Spotify refused a user's refresh token: the user must log in again. */
	TOKEN_REVOCATION("token_revocation", "Spotify access revoked"),

	/**
	 * No collector job finished for several polling intervals although users are active.
	 */
	COLLECTOR_SILENT("collector_silent", "Collector silent"),

	/** A listener's six-month Spotify consent ends in 14 or 3 days. */
	CONSENT_REMINDER("consent_reminder", "Spotify consent ends soon"),

	/** A listener's Spotify consent ended: nothing is collected until they reconnect. */
	CONSENT_EXPIRED("consent_expired", "Spotify consent expired"),

	/**
	 * Spotify's quota for an app is used up (429 QUOTA_EXCEEDED): every call of the app
	 * waits.
	 */
	SPOTIFY_APP_PAUSED("spotify_app_paused", "Spotify app paused");

	private final String key;

	private final String title;

	AlertKind(String key, String title) {
		this.key = key;
		this.title = title;
	}

	/** The stable name used in the database, metrics and the message. */
	public String key() {
		return this.key;
	}

	public String title() {
		return this.title;
	}

}
