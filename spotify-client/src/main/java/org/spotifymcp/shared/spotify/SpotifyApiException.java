package org.spotifymcp.shared.spotify;

import java.time.Duration;

/**
 * A Spotify call that did not give an answer. {@link #kind()} says whether waiting could
 * help ({@link #isRetryable()}) and whether the user must log in again.
 */
public class SpotifyApiException extends RuntimeException {

	/** The {@code reason} of a 429 sent when the developer account's quota is used up. */
	public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";

	/** Why the call failed. */
	public enum Kind {

		/** 429: retried after {@code Retry-After}. */
		RATE_LIMITED(true),
		/** 5xx: retried with backoff. */
		SERVER_ERROR(true),
		/** No answer in time or the connection failed: retried with backoff. */
		TIMEOUT(true),
		/** The body was not the JSON expected: retried with backoff. */
		MALFORMED_RESPONSE(true),
		/** 401 even after refreshing the access token. */
		UNAUTHORIZED(false),
		/** The refresh token was refused; the user must connect again. Never retried. */
		REAUTH_REQUIRED(false),
		/** Any other 4xx, such as an invalid id or parameter. */
		CLIENT_ERROR(false),
		/**
		 * Spotify asked this app (client id) to stop calling for longer than a poll
		 * interval, e.g. a 429 with reason {@code QUOTA_EXCEEDED}: every call of the app
		 * waits until {@link SpotifyApiException#retryAfter()} has passed, on every
		 * instance. Never retried by the client.
		 */
		APP_PAUSED(false);

		private final boolean retryable;

		Kind(boolean retryable) {
			this.retryable = retryable;
		}

	}

	private final Kind kind;

	private final int status;

	private final Duration retryAfter;

	private final String reason;

	public SpotifyApiException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
		this(kind, status, message, retryAfter, null, cause);
	}

	/**
	 * @param reason what Spotify said in the body: the {@code error.reason} of a Web API
	 * error (such as {@code QUOTA_EXCEEDED}) or the {@code error_description} of a token
	 * error (such as "Refresh token expired"); {@code null} when it said nothing
	 */
	public SpotifyApiException(Kind kind, int status, String message, Duration retryAfter, String reason,
			Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.status = status;
		this.retryAfter = retryAfter;
		this.reason = reason;
	}

	public SpotifyApiException(Kind kind, int status, String message) {
		this(kind, status, message, null, null);
	}

	public Kind kind() {
		return this.kind;
	}

	/** HTTP status, 0 when there was no answer. */
	public int status() {
		return this.status;
	}

	/**
	 * The {@code Retry-After} of a 429, or the time left of an app's pause
	 * ({@link Kind#APP_PAUSED}); otherwise {@code null}.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Spotify's own word on the failure: {@code error.reason} of a Web API answer (e.g.
	 * {@code QUOTA_EXCEEDED}) or {@code error_description} of a token answer (e.g.
	 * "Refresh token expired"), or {@code null}.
	 */
	public String reason() {
		return this.reason;
	}

	/** Whether this is a 429 that says the app's quota is used up. */
	public boolean isQuotaExceeded() {
		return QUOTA_EXCEEDED.equals(this.reason);
	}

	public boolean isRetryable() {
		return this.kind.retryable;
	}

}
