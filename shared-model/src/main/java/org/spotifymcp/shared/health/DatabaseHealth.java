package org.spotifymcp.shared.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Asks the database a trivial question with a short timeout; the answer feeds
 * {@code /healthz}.
 */
public class DatabaseHealth {

	private static final int QUERY_TIMEOUT_SECONDS = 2;

	private final DataSource dataSource;

	public DatabaseHealth(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public DatabaseState check() {
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
			try (ResultSet result = statement
				.executeQuery("select coalesce(max(version), 'none') from flyway_schema_history where success")) {
				result.next();
				return new DatabaseState("UP", elapsedMillis(started), result.getString(1), null);
			}
		}
		catch (Exception ex) {
			return new DatabaseState("DOWN", elapsedMillis(started), null, ex.getClass().getSimpleName());
		}
	}

	private static long elapsedMillis(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1_000_000;
	}

	/**
	 * What the health check saw.
	 *
	 * @param status UP or DOWN
	 * @param latencyMs how long the check took
	 * @param schemaVersion the newest applied migration
	 * @param error the kind of failure, without details that could leak configuration
	 */
	public record DatabaseState(String status, long latencyMs, String schemaVersion, String error) {

		public boolean isUp() {
			return "UP".equals(this.status);
		}

	}

}
