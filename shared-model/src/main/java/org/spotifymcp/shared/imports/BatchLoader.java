package org.spotifymcp.shared.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads one batch in one transaction: COPY of the encoded rows into a temporary staging
 * table, one {@code INSERT … SELECT … ON CONFLICT DO NOTHING} into {@code plays}, and the
 * job's counters and resume position — so a batch is either fully in the database,
 * position included, or not at all. The batch's tracks were resolved by
 * {@link TrackCatalog} before.
 */
final class BatchLoader {

	private static final String CREATE_PLAY_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_play_stage (
			    played_at timestamptz NOT NULL, track_id integer NOT NULL, ms_played integer,
			    source smallint NOT NULL, reason_start text, reason_end text, shuffle boolean,
			    skipped boolean, offline boolean, platform text, conn_country text
			) ON COMMIT DELETE ROWS""";

	private static final String PLAY_COLUMNS = "played_at, track_id, ms_played, source";

	private static final String EXTRA_COLUMNS = ", reason_start, reason_end, shuffle, skipped, offline, platform,"
			+ " conn_country";

	// The insert trigger keeps the hour and month rollups; per-track totals are
	// deferred in import transactions and refreshed when the job ends (ExportImporter).
	private static final String INSERT_PLAYS = """
			INSERT INTO plays (played_at, user_id, track_id, ms_played, source)
			SELECT s.played_at, ?, s.track_id, s.ms_played, s.source
			FROM import_play_stage s
			%s
			ORDER BY s.played_at
			ON CONFLICT DO NOTHING""";

	// A polled play of the same track within the tolerance already is this listen.
	private static final String NOT_POLLED_NEARBY = """
			WHERE NOT EXISTS (
			        SELECT 1 FROM plays p
			        WHERE p.user_id = ? AND p.source = 1 AND p.track_id = s.track_id
			          AND p.played_at BETWEEN s.played_at - make_interval(secs => ?)
			                              AND s.played_at + make_interval(secs => ?))""";

	private static final String INSERT_EXTRAS = """
			INSERT INTO play_extras (user_id, played_at, track_id, reason_start, reason_end, shuffle, skipped,
			                         offline, platform, conn_country)
			SELECT p.user_id, p.played_at, p.track_id, s.reason_start, s.reason_end, s.shuffle, s.skipped,
			       s.offline, s.platform, s.conn_country
			FROM import_play_stage s
			JOIN plays p ON p.user_id = ? AND p.played_at = s.played_at AND p.track_id = s.track_id
			WHERE num_nonnulls(s.reason_start, s.reason_end, s.shuffle, s.skipped, s.offline, s.platform,
			                   s.conn_country) > 0
			ON CONFLICT DO NOTHING""";

	private static final String API_PLAY_RANGE = """
			SELECT min(played_at), max(played_at) FROM plays WHERE user_id = ? AND source = 1""";

	private static final String UPDATE_JOB = """
			UPDATE import_jobs SET
			    bytes_processed = ?, records_processed = records_processed + ?, records_total_estimate = ?,
			    records_inserted = records_inserted + ?, duplicates = duplicates + ?, skipped = skipped + ?,
			    earliest_played_at = least(earliest_played_at, ?), latest_played_at = greatest(latest_played_at, ?),
			    resume_entry_index = ?, resume_record_index = ?, format_detected = ?, heartbeat_at = now()
			WHERE id = ?""";

	private final Connection connection;

	private final CopyManager copy;

	private final long jobId;

	private final int userId;

	private final boolean keepExtras;

	private final int toleranceSeconds;

	private final Instant apiEarliest;

	private final Instant apiLatest;

	BatchLoader(Connection connection, long jobId, int userId, boolean keepExtras, int toleranceSeconds)
			throws SQLException {
		this.connection = connection;
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
		this.jobId = jobId;
		this.userId = userId;
		this.keepExtras = keepExtras;
		this.toleranceSeconds = toleranceSeconds;
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute(CREATE_PLAY_STAGE);
		}
		try (PreparedStatement range = connection.prepareStatement(API_PLAY_RANGE)) {
			range.setInt(1, userId);
			try (ResultSet result = range.executeQuery()) {
				result.next();
				Timestamp earliest = result.getTimestamp(1);
				Timestamp latest = result.getTimestamp(2);
				this.apiEarliest = (earliest != null) ? earliest.toInstant() : null;
				this.apiLatest = (latest != null) ? latest.toInstant() : null;
			}
		}
		connection.commit();
	}

	/**
	 * Loads a batch and commits it with the job's progress.
	 * @return plays inserted
	 */
	long load(ImportBatch batch, String formatDetected, Long totalEstimate) throws SQLException {
		long inserted = 0;
		try {
			// The rows and the resume position commit together, so a commit lost in a
			// crash
			// loses both and the batch is simply read again: no need to wait for the WAL
			// flush.
			execute("SET LOCAL synchronous_commit = off");
			// per-track and V8 rollups are refreshed for the job's range at its end (V9)
			execute("SET LOCAL spotifymcp.defer_rollups = on");
			if (batch.musicRecords() > 0) {
				copyIn("COPY import_play_stage (" + stagedColumns(this.keepExtras) + ") FROM STDIN", batch.stagedPlays);
				inserted = insertPlays(batch);
				if (this.keepExtras) {
					try (PreparedStatement extras = this.connection.prepareStatement(INSERT_EXTRAS)) {
						extras.setInt(1, this.userId);
						extras.executeUpdate();
					}
				}
			}
			try (PreparedStatement update = this.connection.prepareStatement(UPDATE_JOB)) {
				update.setLong(1, batch.bytesProcessed);
				update.setLong(2, batch.records);
				setLong(update, 3, totalEstimate);
				update.setLong(4, inserted);
				update.setLong(5, batch.musicRecords() - inserted);
				update.setLong(6, batch.skipped);
				setInstant(update, 7, batch.earliest);
				setInstant(update, 8, batch.latest);
				update.setInt(9, batch.end.entryIndex());
				update.setLong(10, batch.end.recordIndex());
				update.setString(11, formatDetected);
				update.setLong(12, this.jobId);
				update.executeUpdate();
			}
			this.connection.commit();
			return inserted;
		}
		catch (SQLException | RuntimeException ex) {
			rollbackQuietly();
			throw ex;
		}
	}

	/** The staging columns {@link ImportBatch#encode} writes. */
	static String stagedColumns(boolean keepExtras) {
		return keepExtras ? PLAY_COLUMNS + EXTRA_COLUMNS : PLAY_COLUMNS;
	}

	private void copyIn(String sql, byte[] rows) throws SQLException {
		try {
			this.copy.copyIn(sql, new ByteArrayInputStream(rows));
		}
		catch (IOException ex) {
			throw new SQLException("COPY into a staging table failed", ex);
		}
	}

	private long insertPlays(ImportBatch batch) throws SQLException {
		boolean crossSource = overlapsPolledPlays(batch);
		try (PreparedStatement insert = this.connection
			.prepareStatement(INSERT_PLAYS.formatted(crossSource ? NOT_POLLED_NEARBY : ""))) {
			int index = 1;
			insert.setInt(index++, this.userId);
			if (crossSource) {
				insert.setInt(index++, this.userId);
				insert.setInt(index++, this.toleranceSeconds);
				insert.setInt(index, this.toleranceSeconds);
			}
			return insert.executeUpdate();
		}
	}

	/**
	 * The cross-source check costs an index probe per record, so it only runs where
	 * polled plays exist near the batch.
	 */
	private boolean overlapsPolledPlays(ImportBatch batch) {
		if (this.apiEarliest == null) {
			return false;
		}
		return !batch.earliest.isAfter(this.apiLatest.plusSeconds(this.toleranceSeconds))
				&& !batch.latest.isBefore(this.apiEarliest.minusSeconds(this.toleranceSeconds));
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.BIGINT);
		}
		else {
			statement.setLong(index, value);
		}
	}

	private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, java.time.OffsetDateTime.ofInstant(value, java.time.ZoneOffset.UTC));
		}
	}

	private void rollbackQuietly() {
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is broken; the transaction is gone with it
		}
	}

}
