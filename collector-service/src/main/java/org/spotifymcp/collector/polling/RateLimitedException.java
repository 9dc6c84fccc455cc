package org.spotifymcp.collector.polling;

/**
 * Spotify kept answering 429 after the client's retries.
 */
public class RateLimitedException extends RuntimeException {

	private final int rateLimited;

	public RateLimitedException(String message, int rateLimited, Throwable cause) {
		super(message, cause);
		this.rateLimited = rateLimited;
	}

	/** How many 429 answers were met. */
	public int rateLimited() {
		return this.rateLimited;
	}

}
