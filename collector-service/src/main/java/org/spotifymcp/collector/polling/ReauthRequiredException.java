package org.spotifymcp.collector.polling;

/**
 * Spotify no longer honours the user's refresh token ({@code invalid_grant}): nothing can
 * be collected until the user connects again.
 */
public class ReauthRequiredException extends RuntimeException {

	public ReauthRequiredException(String message, Throwable cause) {
		super(message, cause);
	}

}
