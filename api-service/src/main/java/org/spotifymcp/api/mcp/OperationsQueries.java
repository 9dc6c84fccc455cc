package org.spotifymcp.api.mcp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Read-only views of the collector's bookkeeping for one user: sync checkpoint, job runs
 * and import progress. Tokens and file paths never leave this class.
 */
class OperationsQueries {

	private final NamedParameterJdbcTemplate jdbc;

	OperationsQueries(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	SyncStatus syncStatus(int userId) {
		MapSqlParameterSource params = new MapSqlParameterSource("u", userId);
		List<SyncStatus> rows = this.jdbc.query("SELECT u.id, u.display_name, u.time_zone, c.status,"
				+ " c.initial_sync_started_at, c.initial_sync_completed_at, c.initial_sync_earliest_at, c.last_poll_at,"
				+ " c.last_played_at, c.next_poll_at, c.poll_interval_seconds, c.consecutive_failures, c.last_error,"
				+ " (SELECT status FROM spotify_tokens WHERE user_id = u.id) AS token_status,"
				+ " (SELECT count(*) FROM coverage_gaps WHERE user_id = u.id) AS gaps,"
				+ " t.consented_at, t.reconnect_by" + " FROM users u LEFT JOIN sync_checkpoints c ON c.user_id = u.id"
				+ " LEFT JOIN spotify_tokens t ON t.user_id = u.id WHERE u.id = :u", params,
				(rs, row) -> new SyncStatus(rs.getInt("id"), rs.getString("display_name"), rs.getString("time_zone"),
						(rs.getString("status") != null) ? rs.getString("status") : "not_started",
						iso(rs, "initial_sync_started_at"), iso(rs, "initial_sync_completed_at"),
						iso(rs, "initial_sync_earliest_at"), iso(rs, "last_poll_at"), iso(rs, "last_played_at"),
						iso(rs, "next_poll_at"), (Integer) rs.getObject("poll_interval_seconds"),
						rs.getInt("consecutive_failures"), rs.getString("last_error"),
						(rs.getString("token_status") != null) ? rs.getString("token_status") : "none",
						rs.getLong("gaps"), iso(rs, "consented_at"), iso(rs, "reconnect_by"), reconnectByDate(rs)));
		return rows.get(0);
	}

	JobRunList latestJobRuns(int userId, int limit) {
		return new JobRunList(this.jdbc
			.query("SELECT id, job_type, status, started_at, finished_at, stats::text AS stats,"
					+ " error_message FROM job_runs WHERE user_id = :u ORDER BY started_at DESC, id DESC LIMIT :limit",
					new MapSqlParameterSource("u", userId).addValue("limit", limit),
					(rs, row) -> new JobRunList.JobRunRow(rs.getLong("id"), rs.getString("job_type"),
							rs.getString("status"), iso(rs, "started_at"), iso(rs, "finished_at"),
							rs.getString("stats"), rs.getString("error_message"))));
	}

	ImportJobList latestImportJobs(int userId, int limit) {
		return new ImportJobList(this.jdbc
			.query("SELECT id, status, original_filename, format_detected, file_size_bytes,"
					+ " bytes_processed, records_processed, records_total_estimate, records_inserted, duplicates, skipped,"
					+ " skipped_episodes, skipped_no_track, replaced_account_plays, earliest_played_at, latest_played_at, error_message, created_at, started_at, finished_at"
					+ " FROM import_jobs WHERE user_id = :u ORDER BY created_at DESC, id DESC LIMIT :limit",
					new MapSqlParameterSource("u", userId).addValue("limit", limit), (rs, row) -> {
						long size = rs.getLong("file_size_bytes");
						double progress = (size > 0)
								? Math.min(100.0, Math.round(rs.getLong("bytes_processed") * 1000.0 / size) / 10.0) : 0;
						if ("success".equals(rs.getString("status"))) {
							progress = 100.0;
						}
						return new ImportJobList.ImportJobRow(rs.getLong("id"), rs.getString("status"),
								rs.getString("original_filename"), rs.getString("format_detected"), progress,
								rs.getLong("records_processed"), (Long) rs.getObject("records_total_estimate"),
								rs.getLong("records_inserted"), rs.getLong("duplicates"), rs.getLong("skipped"),
								rs.getLong("skipped_episodes"), rs.getLong("skipped_no_track"),
								rs.getLong("replaced_account_plays"), iso(rs, "earliest_played_at"),
								iso(rs, "latest_played_at"), rs.getString("error_message"), iso(rs, "created_at"),
								iso(rs, "started_at"), iso(rs, "finished_at"));
					}));
	}

	private static String reconnectByDate(ResultSet rs) throws SQLException {
		OffsetDateTime value = rs.getObject("reconnect_by", OffsetDateTime.class);
		return (value != null) ? value.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString() : null;
	}

	private static String iso(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant().toString() : null;
	}

	/**
	 * Where the collector stands for a user.
	 *
	 * @param userId the user
	 * @param displayName display name
	 * @param timeZone the user's time zone
	 * @param status checkpoint status, or not_started
	 * @param initialSyncStartedAt when the initial sync started
	 * @param initialSyncCompletedAt when it finished
	 * @param initialSyncEarliestAt the earliest play it reached
	 * @param lastPollAt last poll
	 * @param lastPlayedAt newest play seen
	 * @param nextPollAt next planned poll
	 * @param pollIntervalSeconds poll interval
	 * @param consecutiveFailures failures in a row
	 * @param lastError last error message
	 * @param spotifyTokenStatus valid, revoked or none
	 * @param coverageGaps number of detected coverage gaps
	 * @param spotifyConsentedAt when the listener last consented to the Spotify app, null
	 * when not known
	 * @param reconnectBy when that consent ends (six months later, Spotify's 2026 rule)
	 * @param reconnectByDate the same as a day (UTC): "reconnect by DATE"
	 */
	record SyncStatus(int userId, String displayName, String timeZone, String status, String initialSyncStartedAt,
			String initialSyncCompletedAt, String initialSyncEarliestAt, String lastPollAt, String lastPlayedAt,
			String nextPollAt, Integer pollIntervalSeconds, int consecutiveFailures, String lastError,
			String spotifyTokenStatus, long coverageGaps, String spotifyConsentedAt, String reconnectBy,
			String reconnectByDate) {

	}

	/**
	 * Latest job runs, newest first.
	 *
	 * @param runs the runs
	 */
	record JobRunList(List<JobRunRow> runs) {

		/**
		 * One run.
		 *
		 * @param id run id
		 * @param jobType job type
		 * @param status running, success, error or partial
		 * @param startedAt start
		 * @param finishedAt end
		 * @param stats statistics as JSON text
		 * @param errorMessage error, if any
		 */
		record JobRunRow(long id, String jobType, String status, String startedAt, String finishedAt, String stats,
				String errorMessage) {

		}

	}

	/**
	 * Latest imports, newest first.
	 *
	 * @param imports the imports
	 */
	record ImportJobList(List<ImportJobRow> imports) {

		/**
		 * One import.
		 *
		 * @param id import id
		 * @param status pending, running, success, error or cancelled
		 * @param originalFilename uploaded file name
		 * @param formatDetected extended, account_data or mixed
		 * @param progressPercent bytes processed / file size
		 * @param recordsProcessed records read
		 * @param recordsTotalEstimate estimated total
		 * @param recordsInserted new plays (records read = new + duplicates + skipped)
		 * @param duplicates records of plays already known
		 * @param skipped records that are not music plays
		 * @param skippedEpisodes podcast or video episodes and audiobook chapters
		 * @param skippedNoTrack records without a track URI or name
		 * @param replacedAccountPlays account-data plays of the same listens replaced by
		 * new plays
		 * @param earliestPlayedAt earliest play
		 * @param latestPlayedAt latest play
		 * @param errorMessage error, if any
		 * @param createdAt created
		 * @param startedAt started
		 * @param finishedAt finished
		 */
		record ImportJobRow(long id, String status, String originalFilename, String formatDetected,
				double progressPercent, long recordsProcessed, Long recordsTotalEstimate, long recordsInserted,
				long duplicates, long skipped, long skippedEpisodes, long skippedNoTrack, long replacedAccountPlays,
				String earliestPlayedAt, String latestPlayedAt, String errorMessage, String createdAt, String startedAt,
				String finishedAt) {

		}

	}

}
