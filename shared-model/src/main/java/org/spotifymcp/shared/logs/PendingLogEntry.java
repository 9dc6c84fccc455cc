package org.spotifymcp.shared.logs;

import java.time.Instant;
import java.util.Map;

/**
 * A log event on its way to the database.
 *
 * @param timestamp when it happened
 * @param level the level name
 * @param logger the logger name
 * @param message the formatted message
 * @param context MDC values and error summary
 */
record PendingLogEntry(Instant timestamp, String level, String logger, String message, Map<String, Object> context) {

}
