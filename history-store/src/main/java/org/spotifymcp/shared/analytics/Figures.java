package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.support.SqlArrayValue;

/** Arithmetic and conversions every tool family shares. */
final class Figures {

	private Figures() {
	}

	static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

	static SqlArrayValue integers(List<Integer> values) {
		return new SqlArrayValue("integer", values.toArray());
	}

	static SqlArrayValue longs(List<Long> values) {
		return new SqlArrayValue("bigint", values.toArray());
	}

	static Integer peak(long[] values) {
		int peak = -1;
		long best = 0;
		for (int i = 0; i < values.length; i++) {
			if (values[i] > best) {
				best = values[i];
				peak = i;
			}
		}
		return (peak < 0) ? null : peak;
	}

	static int checkLimit(int limit) {
		if (limit < 1 || limit > HistoryAnalytics.MAX_LIMIT) {
			throw new HistoryQueryException(
					"limit must be between 1 and " + HistoryAnalytics.MAX_LIMIT + ", got " + limit);
		}
		return limit;
	}

	static Double change(double before, double after) {
		return (before == 0) ? null : Math.round((after - before) * 1000.0 / before) / 10.0;
	}

	static double ratio(long part, long whole) {
		return (whole == 0) ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
	}

	static double minutes(long ms) {
		return Math.round(ms / 6000.0) / 10.0;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static String iso(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		return (value != null) ? value.toString() : null;
	}

}
