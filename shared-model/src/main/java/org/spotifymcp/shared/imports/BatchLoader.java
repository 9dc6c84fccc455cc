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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads one batch in one transaction: COPY into a temporary staging table, set-wise
 * upserts of artists, albums and tracks, one {@code INSERT … SELECT … ON CONFLICT DO
 * NOTHING} into {@code plays}, and the job's counters and resume position — so a batch is
 * either fully in the database, position included, or not at all.
 */
final class BatchLoader {

	private static final String CREATE_CATALOG_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_catalog_stage (
			    track_key text NOT NULL, track_name text NOT NULL, artist_key text, artist_name text,
			    album_key text, album_name text
			) ON COMMIT DELETE ROWS""";

	private static final String CREATE_PLAY_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_play_stage (
			    played_at timestamptz NOT NULL, track_id integer NOT NULL, ms_played integer,
			    source smallint NOT NULL, reason_start text, reason_end text, shuffle boolean,
			    skipped boolean, offline boolean, platform text, conn_country text
			) ON COMMIT DELETE ROWS""";

	private static final String PLAY_COLUMNS = "played_at, track_id, ms_played, source";

	private static final String EXTRA_COLUMNS = ", reason_start, reason_end, shuffle, skipped, offline, platform,"
			+ " conn_country";

	private static final String UPSERT_ARTISTS = """
			INSERT INTO artists (spotify_id, name)
			SELECT DISTINCT ON (s.artist_key) s.artist_key, s.artist_name FROM import_catalog_stage s
			WHERE s.artist_key IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM artists a WHERE a.spotify_id = s.artist_key)
			ORDER BY s.artist_key
			ON CONFLICT (spotify_id) DO NOTHING""";

	private static final String UPSERT_ALBUMS = """
			INSERT INTO albums (spotify_id, name)
			SELECT DISTINCT ON (s.album_key) s.album_key, s.album_name FROM import_catalog_stage s
			WHERE s.album_key IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM albums a WHERE a.spotify_id = s.album_key)
			ORDER BY s.album_key
			ON CONFLICT (spotify_id) DO NOTHING""";

	// New tracks get their (single, album-artist) artist link in the same statement.
	private static final String UPSERT_TRACKS = """
			WITH new_tracks AS (
			    INSERT INTO tracks (spotify_id, name, album_id)
			    SELECT DISTINCT ON (s.track_key) s.track_key, s.track_name, al.id
			    FROM import_catalog_stage s LEFT JOIN albums al ON al.spotify_id = s.album_key
			    WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.spotify_id = s.track_key)
			    ORDER BY s.track_key
			    ON CONFLICT (spotify_id) DO NOTHING
			    RETURNING id, spotify_id)
			INSERT INTO track_artists (track_id, position, artist_id)
			SELECT DISTINCT ON (nt.id) nt.id, 0, ar.id
			FROM new_tracks nt
			JOIN import_catalog_stage s ON s.track_key = nt.spotify_id
			JOIN artists ar ON ar.spotify_id = s.artist_key
			ORDER BY nt.id
			ON CONFLICT DO NOTHING""";

	private static final String INSERT_PLAYS = """
			INSERT INTO plays (played_at, user_id, track_id, ms_played, source)
			SELECT s.played_at, ?, s.track_id, s.ms_played, s.source
			FROM import_play_stage s
			ORDER BY s.played_at
			ON CONFLICT DO NOTHING""";

	// Same, but a polled play of the same track within the tolerance already is this
	// listen.
	private static final String INSERT_PLAYS_CROSS_SOURCE = """
			INSERT INTO plays (played_at, user_id, track_id, ms_played, source)
			SELECT s.played_at, ?, s.track_id, s.ms_played, s.source
			FROM import_play_stage s
			WHERE NOT EXISTS (
			    SELECT 1 FROM plays p
			    WHERE p.user_id = ? AND p.source = 1 AND p.track_id = s.track_id
			      AND p.played_at BETWEEN s.played_at - make_interval(secs => ?)
			                          AND s.played_at + make_interval(secs => ?))
			ORDER BY s.played_at
			ON CONFLICT DO NOTHING""";

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

	private static final String CATALOG_IDS = """
			SELECT s.track_key, t.id FROM import_catalog_stage s JOIN tracks t ON t.spotify_id = s.track_key""";

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

	/** Track ids already resolved in this run, so only new tracks touch the catalog. */
	private final Map<String, Integer> trackIds = new HashMap<>();

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
			statement.execute(CREATE_CATALOG_STAGE);
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
			if (batch.musicRecords() > 0) {
				resolveTracks(batch);
				copyPlays(batch);
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

	/**
	 * Upserts the catalog rows of tracks not seen before in this run, set-wise, and
	 * learns their ids.
	 */
	private void resolveTracks(ImportBatch batch) throws SQLException {
		Map<String, ExportRecord> unknown = new LinkedHashMap<>();
		for (ExportRecord record : batch.music) {
			if (!this.trackIds.containsKey(record.trackKey())) {
				unknown.putIfAbsent(record.trackKey(), record);
			}
		}
		if (unknown.isEmpty()) {
			return;
		}
		CopyRows rows = new CopyRows(unknown.size() * 160);
		for (ExportRecord record : unknown.values()) {
			rows.text(record.trackKey())
				.text(record.trackName())
				.text(record.artistKey())
				.text(record.artistName())
				.text(record.albumKey())
				.text(record.albumName())
				.endRow();
		}
		copyIn("COPY import_catalog_stage FROM STDIN", rows);
		execute(UPSERT_ARTISTS);
		execute(UPSERT_ALBUMS);
		execute(UPSERT_TRACKS);
		try (Statement statement = this.connection.createStatement();
				ResultSet ids = statement.executeQuery(CATALOG_IDS)) {
			while (ids.next()) {
				this.trackIds.put(ids.getString(1), ids.getInt(2));
			}
		}
	}

	private void copyPlays(ImportBatch batch) throws SQLException {
		CopyRows rows = new CopyRows(batch.musicRecords() * (this.keepExtras ? 100 : 48));
		for (ExportRecord record : batch.music) {
			Integer trackId = this.trackIds.get(record.trackKey());
			if (trackId == null) {
				throw new IllegalStateException("track " + record.trackKey() + " was not resolved");
			}
			rows.raw(record.playedAt().toString())
				.number(trackId.intValue())
				.number(record.msPlayed())
				.number(record.source().code());
			if (this.keepExtras) {
				ExportRecord.Extras extras = record.extras();
				rows.text(extras.reasonStart())
					.text(extras.reasonEnd())
					.bool(extras.shuffle())
					.bool(extras.skipped())
					.bool(extras.offline())
					.text(extras.platform())
					.text(extras.connCountry());
			}
			rows.endRow();
		}
		String columns = this.keepExtras ? PLAY_COLUMNS + EXTRA_COLUMNS : PLAY_COLUMNS;
		copyIn("COPY import_play_stage (" + columns + ") FROM STDIN", rows);
	}

	private void copyIn(String sql, CopyRows rows) throws SQLException {
		try {
			this.copy.copyIn(sql, new ByteArrayInputStream(rows.bytes()));
		}
		catch (IOException ex) {
			throw new SQLException("COPY into a staging table failed", ex);
		}
	}

	private long insertPlays(ImportBatch batch) throws SQLException {
		if (!overlapsPolledPlays(batch)) {
			try (PreparedStatement insert = this.connection.prepareStatement(INSERT_PLAYS)) {
				insert.setInt(1, this.userId);
				return insert.executeUpdate();
			}
		}
		try (PreparedStatement insert = this.connection.prepareStatement(INSERT_PLAYS_CROSS_SOURCE)) {
			insert.setInt(1, this.userId);
			insert.setInt(2, this.userId);
			insert.setInt(3, this.toleranceSeconds);
			insert.setInt(4, this.toleranceSeconds);
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
