package org.spotifymcp.shared.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.flywaydb.core.api.MigrationVersion;

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
			// a migration removed by "flyway delete" keeps its row next to a DELETE
			// marker
			try (ResultSet result = statement.executeQuery(
					"""
							select version from flyway_schema_history h
							where success and version is not null and type <> 'DELETE'
							  and not exists (select 1 from flyway_schema_history d where d.type = 'DELETE' and d.version = h.version)
							""")) {
				return new DatabaseState("UP", elapsedMillis(started), newestVersion(result), null);
			}
		}
		catch (Exception ex) {
			return new DatabaseState("DOWN", elapsedMillis(started), null, ex.getClass().getSimpleName());
		}
	}

	/**
	 * Versions are text in the history table, so the database would call "9" newer than
	 * "10"; Flyway's own version order decides instead (the one {@code flyway info} calls
	 * current), without Flyway scanning the classpath on every health check.
	 */
	private static String newestVersion(ResultSet result) throws SQLException {
		MigrationVersion newest = null;
		while (result.next()) {
			MigrationVersion version = MigrationVersion.fromVersion(result.getString(1));
			if (newest == null || version.compareTo(newest) > 0) {
				newest = version;
			}
		}
		return (newest != null) ? newest.getVersion() : "none";
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
	public record DatabaseState(String status, @JsonProperty("latency_ms") long latencyMs,
			@JsonProperty("schema_version") String schemaVersion, String error) {

		public boolean isUp() {
			return "UP".equals(this.status);
		}

	}

}
