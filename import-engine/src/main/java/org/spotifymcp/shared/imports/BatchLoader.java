package org.spotifymcp.shared.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads one batch in one transaction: the plays, and the job's counters and resume
 * position — so a batch is either fully in the database, position included, or not at
 * all. A batch that can meet none of the user's plays (none near its time span, no
 * account-data records, no extras) is copied straight into {@code plays}; any other goes
 * through a temporary staging table and one {@code INSERT … SELECT … ON CONFLICT DO
 * NOTHING} with the cross-source checks. The batch's tracks were resolved by
 * {@link TrackCatalog} before.
 */
final class BatchLoader {

	private static final String CREATE_PLAY_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_play_stage (
			    user_id integer NOT NULL, played_at timestamptz NOT NULL, track_id integer NOT NULL, ms_played integer,
			    source smallint NOT NULL, reason_start text, reason_end text, shuffle boolean,
			    skipped boolean, offline boolean, platform text, conn_country text
			) ON COMMIT DELETE ROWS""";

	private static final String PLAY_COLUMNS = "user_id, played_at, track_id, ms_played, source";

	private static final String EXTRA_COLUMNS = ", reason_start, reason_end, shuffle, skipped, offline, platform,"
			+ " conn_country";

	// The rollups are applied once for the job's range when it ends (ExportImporter).
	// Records with a Spotify id go in before account-data records, so an account record
	// meets the extended record of the same listen even within one batch.
	private static final String INSERT_PLAYS = """
			INSERT INTO plays (played_at, user_id, track_id, ms_played, source)
			SELECT s.played_at, ?, s.track_id, s.ms_played, s.source
			FROM import_play_stage s
			WHERE s.source %s 3
			%s
			ORDER BY s.played_at
			ON CONFLICT DO NOTHING""";

	// A polled play of the same track within the tolerance already is this listen.
	private static final String NOT_POLLED_NEARBY = """
			AND NOT EXISTS (
			        SELECT 1 FROM plays p
			        WHERE p.user_id = ? AND p.source = 1 AND p.track_id = s.track_id
			          AND p.played_at BETWEEN s.played_at - make_interval(secs => ?)
			                              AND s.played_at + make_interval(secs => ?))""";

	// An account-data record has no Spotify id: a polled or extended play of the same
	// artist and title within the tolerance already is this listen.
	private static final String NOT_IDENTIFIED_NEARBY = """
			AND NOT EXISTS (
			        SELECT 1 FROM plays p
			        WHERE p.user_id = ? AND p.source <> 3
			          AND p.played_at BETWEEN s.played_at - make_interval(secs => ?)
			                              AND s.played_at + make_interval(secs => ?)
			          AND track_match_key(p.track_id) = track_match_key(s.track_id))""";

	// The reverse order: account data was imported first, so its plays of these listens
	// carry local ids; the extended record, with the Spotify id and the second, replaces
	// them.
	private static final String DELETE_REPLACED_ACCOUNT_PLAYS = """
			DELETE FROM plays d
			USING (SELECT DISTINCT p.played_at, p.track_id
			       FROM import_play_stage s
			       JOIN plays p ON p.user_id = ? AND p.source = 3
			        AND p.played_at BETWEEN s.played_at - make_interval(secs => ?)
			                            AND s.played_at + make_interval(secs => ?)
			       WHERE s.source <> 3 AND track_match_key(p.track_id) = track_match_key(s.track_id)) r
			WHERE d.user_id = ? AND d.played_at = r.played_at AND d.track_id = r.track_id""";

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

	private static final String PLAY_RANGES = """
			SELECT min(played_at) FILTER (WHERE source = 1), max(played_at) FILTER (WHERE source = 1),
			       min(played_at) FILTER (WHERE source <> 3), max(played_at) FILTER (WHERE source <> 3),
			       min(played_at) FILTER (WHERE source = 3), max(played_at) FILTER (WHERE source = 3)
			FROM plays WHERE user_id = ?""";

	private static final String UPDATE_JOB = """
			UPDATE import_jobs SET
			    bytes_processed = ?, records_processed = records_processed + ?, records_total_estimate = ?,
			    records_inserted = records_inserted + ?, duplicates = duplicates + ?, skipped = skipped + ?,
			    skipped_episodes = skipped_episodes + ?, skipped_no_track = skipped_no_track + ?,
			    replaced_account_plays = replaced_account_plays + ?,
			    earliest_played_at = least(earliest_played_at, ?), latest_played_at = greatest(latest_played_at, ?),
			    resume_entry_index = ?, resume_record_index = ?, format_detected = ?, heartbeat_at = now()
			WHERE id = ?""";

	private final Connection connection;

	private final CopyManager copy;

	private final long jobId;

	private final int userId;

	private final boolean keepExtras;

	private final int toleranceSeconds;

	/** Where the user's polled plays lie: only there the cross-source check runs. */
	private final PlayRange polled;

	/** Where plays with a Spotify id (polled or extended) lie. */
	private final PlayRange identified;

	/** Where account-data plays lie. */
	private final PlayRange account;

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
		try (PreparedStatement range = connection.prepareStatement(PLAY_RANGES)) {
			range.setInt(1, userId);
			try (ResultSet result = range.executeQuery()) {
				result.next();
				this.polled = PlayRange.of(result, 1, toleranceSeconds);
				this.identified = PlayRange.of(result, 3, toleranceSeconds);
				this.account = PlayRange.of(result, 5, toleranceSeconds);
			}
		}
		connection.commit();
	}

	/**
	 * Loads a batch and commits it with the job's progress.
	 * @return plays inserted
	 */
	long load(ImportBatch batch, String formatDetected, Long totalEstimate) throws SQLException {
		boolean straight = meetsNoPlays(batch);
		try {
			return load(batch, formatDetected, totalEstimate, straight);
		}
		catch (SQLException ex) {
			// a play written meanwhile (a poll) met the batch: the checked path decides
			if (straight && "23505".equals(ex.getSQLState())) {
				return load(batch, formatDetected, totalEstimate, false);
			}
			throw ex;
		}
	}

	/**
	 * Whether no play of the user can share a key with, or be the same listen as, a play
	 * of this batch; the batch holds no duplicates of its own
	 * ({@link ImportBatch#encode}).
	 */
	private boolean meetsNoPlays(ImportBatch batch) {
		return !this.keepExtras && batch.accountRecords == 0 && !this.identified.overlaps(batch)
				&& !this.account.overlaps(batch);
	}

	private long load(ImportBatch batch, String formatDetected, Long totalEstimate, boolean straight)
			throws SQLException {
		long inserted = 0;
		long replaced = 0;
		try {
			// The rows and the resume position commit together, so a commit lost in a
			// crash
			// loses both and the batch is simply read again: no need to wait for the WAL
			// flush.
			execute("SET LOCAL synchronous_commit = off");
			// rollups: applied once for the job's range when it ends (ExportImporter)
			if (batch.musicRecords() > 0 && straight) {
				inserted = copyIn("COPY plays (" + PLAY_COLUMNS + ") FROM STDIN", batch.stagedPlays);
				this.identified.include(batch);
			}
			else if (batch.musicRecords() > 0) {
				copyIn("COPY import_play_stage (" + stagedColumns(this.keepExtras) + ") FROM STDIN", batch.stagedPlays);
				replaced = replaceAccountPlays(batch);
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
				update.setLong(6, batch.skippedEpisodes + batch.skippedNoTrack);
				update.setLong(7, batch.skippedEpisodes);
				update.setLong(8, batch.skippedNoTrack);
				update.setLong(9, replaced);
				setInstant(update, 10, batch.earliest);
				setInstant(update, 11, batch.latest);
				update.setInt(12, batch.end.entryIndex());
				update.setLong(13, batch.end.recordIndex());
				update.setString(14, formatDetected);
				update.setLong(15, this.jobId);
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

	private long copyIn(String sql, byte[] rows) throws SQLException {
		try {
			return this.copy.copyIn(sql, new ByteArrayInputStream(rows));
		}
		catch (IOException ex) {
			throw new SQLException("COPY of a batch failed", ex);
		}
	}

	private long insertPlays(ImportBatch batch) throws SQLException {
		long inserted = 0;
		int identifiedRecords = batch.musicRecords() - batch.accountRecords;
		if (identifiedRecords > 0) {
			inserted += insert("<>", this.polled.overlaps(batch), false);
			this.identified.include(batch);
		}
		if (batch.accountRecords > 0) {
			inserted += insert("=", this.polled.overlaps(batch), this.identified.overlaps(batch));
			this.account.include(batch);
		}
		return inserted;
	}

	/**
	 * The cross-source checks cost an index probe per record, so they only run where
	 * plays of the other source exist near the batch.
	 */
	private long insert(String accountSource, boolean crossSource, boolean matchNames) throws SQLException {
		String conditions = (crossSource ? NOT_POLLED_NEARBY : "") + (matchNames ? NOT_IDENTIFIED_NEARBY : "");
		try (PreparedStatement insert = this.connection
			.prepareStatement(INSERT_PLAYS.formatted(accountSource, conditions))) {
			int index = 1;
			insert.setInt(index++, this.userId);
			if (crossSource) {
				index = setNearby(insert, index);
			}
			if (matchNames) {
				setNearby(insert, index);
			}
			return insert.executeUpdate();
		}
	}

	private int setNearby(PreparedStatement statement, int index) throws SQLException {
		statement.setInt(index, this.userId);
		statement.setInt(index + 1, this.toleranceSeconds);
		statement.setInt(index + 2, this.toleranceSeconds);
		return index + 3;
	}

	/**
	 * Deletes the account-data plays that this batch's records with a Spotify id
	 * describe, before those go in.
	 * @return plays deleted
	 */
	private long replaceAccountPlays(ImportBatch batch) throws SQLException {
		if (batch.musicRecords() == batch.accountRecords || !this.account.overlaps(batch)) {
			return 0;
		}
		// the job's closing apply counts these months again
		try (PreparedStatement delete = this.connection.prepareStatement(DELETE_REPLACED_ACCOUNT_PLAYS)) {
			int index = setNearby(delete, 1);
			delete.setInt(index, this.userId);
			return delete.executeUpdate();
		}
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
