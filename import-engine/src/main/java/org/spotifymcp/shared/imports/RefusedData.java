package org.spotifymcp.shared.imports;

import java.sql.SQLException;

/**
 * Tells database errors caused by the data apart from a database that failed: SQLSTATE
 * class 22 (data exception, e.g. an invalid byte sequence) and 54 (program limit
 * exceeded, e.g. an index row over 2,704 bytes) fail the same way on every retry, so the
 * upload is at fault and the job ends {@code error} instead of being retried forever.
 */
final class RefusedData {

	private RefusedData() {
	}

	static boolean isCausedBy(SQLException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					String state = next.getSQLState();
					if (state != null && (state.startsWith("22") || state.startsWith("54"))) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
