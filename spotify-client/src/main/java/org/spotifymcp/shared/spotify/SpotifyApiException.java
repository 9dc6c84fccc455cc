package org.spotifymcp.shared.spotify;

import java.time.Duration;

/**
 * A Spotify call that did not give an answer. {@link #kind()} says whether waiting could
 * help ({@link #isRetryable()}) and whether the user must log in again.
 */
public class SpotifyApiException extends RuntimeException {

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
		CLIENT_ERROR(false);

		private final boolean retryable;

		Kind(boolean retryable) {
			this.retryable = retryable;
		}

	}

	private final Kind kind;

	private final int status;

	private final Duration retryAfter;

	public SpotifyApiException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.status = status;
		this.retryAfter = retryAfter;
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

	/** The {@code Retry-After} of a 429, otherwise {@code null}. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	public boolean isRetryable() {
		return this.kind.retryable;
	}

}
