package org.spotifymcp.collector.polling;

import java.time.Duration;

/**
 * Every call with the Spotify app is paused (its quota is used up): the work waits until
 * the pause ends instead of retrying, and it is no failure of the user's.
 */
public class AppPausedException extends RuntimeException {

	private final Duration wait;

	public AppPausedException(String message, Duration wait, Throwable cause) {
		super(message, cause);
		this.wait = wait;
	}

	/** How long until calls may go out again. */
	public Duration waitTime() {
		return this.wait;
	}

}
