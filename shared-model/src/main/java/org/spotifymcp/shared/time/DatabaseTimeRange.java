package org.spotifymcp.shared.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The instants a request may carry to the database. PostgreSQL's {@code timestamptz}
 * refuses values outside 4713 BC to 294276 AD with an error, and Java parses far more
 * than that ({@code +300000-01-01T00:00:00Z}); every date or time taken from a request is
 * checked here first so such values answer 400 naming the field instead of failing in the
 * database. Years 1 to 9999 keep well inside PostgreSQL's range and cover any real
 * listening history.
 */
public final class DatabaseTimeRange {

	/** The earliest instant accepted: 0001-01-01T00:00:00Z. */
	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	/** The first instant no longer accepted: 10000-01-01T00:00:00Z. */
	public static final Instant END = LocalDate.of(10000, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

	/** The accepted range, for error messages. */
	public static final String DESCRIPTION = "between 0001-01-01 and 9999-12-31 (UTC)";

	private DatabaseTimeRange() {
	}

	/**
	 * Whether the database can be asked about this instant.
	 * @param instant the instant
	 * @return true when it lies in years 1 to 9999 UTC
	 */
	public static boolean contains(Instant instant) {
		return !instant.isBefore(EARLIEST) && instant.isBefore(END);
	}

}
