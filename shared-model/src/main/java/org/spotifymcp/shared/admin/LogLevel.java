package org.spotifymcp.shared.admin;

/**
 * Levels a stored log event can have, as written by the log sink.
 */
public enum LogLevel {

	TRACE, DEBUG, INFO, WARN, ERROR

}
