package org.spotifymcp.shared.analytics;

/**
 * A history question that cannot be answered as asked (bad window, unknown time zone or
 * user); the message says what to change.
 */
public class HistoryQueryException extends IllegalArgumentException {

	public HistoryQueryException(String message) {
		super(message);
	}

}
