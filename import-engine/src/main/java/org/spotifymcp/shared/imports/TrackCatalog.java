package org.spotifymcp.shared.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Gives the export records of a batch their {@code tracks.id}, upserting the artists,
 * albums and tracks not seen before set-wise, on a connection of its own. Catalog rows
 * commit on their own: a catalog row without plays (after a crash) is harmless and is
 * simply found again on resume.
 */
final class TrackCatalog implements AutoCloseable {

	private static final String CREATE_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_catalog_stage (
			    track_key text NOT NULL, track_name text NOT NULL, artist_key text, artist_name text,
			    album_key text, album_name text
			) ON COMMIT DELETE ROWS""";

	private static final String UPSERT_ARTISTS = """
			INSERT INTO artists (spotify_id, name)
			SELECT DISTINCT ON (s.artist_key) s.artist_key, s.artist_name FROM import_catalog_stage s
			WHERE s.artist_key IS NOT NULL
			ORDER BY s.artist_key
			ON CONFLICT (spotify_id) DO NOTHING""";

	private static final String UPSERT_ALBUMS = """
			INSERT INTO albums (spotify_id, name)
			SELECT DISTINCT ON (s.album_key) s.album_key, s.album_name FROM import_catalog_stage s
			WHERE s.album_key IS NOT NULL
			ORDER BY s.album_key
			ON CONFLICT (spotify_id) DO NOTHING""";

	// New tracks get their (single, album-artist) artist link in the same statement.
	private static final String UPSERT_TRACKS = """
			WITH new_tracks AS (
			    INSERT INTO tracks (spotify_id, name, album_id)
			    SELECT DISTINCT ON (s.track_key) s.track_key, s.track_name, al.id
			    FROM import_catalog_stage s LEFT JOIN albums al ON al.spotify_id = s.album_key
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

	private static final String TRACK_IDS = """
			SELECT s.track_key, t.id FROM import_catalog_stage s JOIN tracks t ON t.spotify_id = s.track_key""";

	private final Connection connection;

	private final CopyManager copy;

	/** Track ids already resolved in this run, so only new tracks touch the catalog. */
	private final Map<String, Integer> trackIds = new HashMap<>();

	TrackCatalog(Connection connection) throws SQLException {
		this.connection = connection;
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
		connection.setAutoCommit(false);
		execute(CREATE_STAGE);
		connection.commit();
	}

	/** Makes sure every record's track has a row and its id is known. */
	void resolve(List<ExportRecord> records) throws SQLException {
		Map<String, ExportRecord> unknown = new LinkedHashMap<>();
		for (ExportRecord record : records) {
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
		try {
			execute("SET LOCAL synchronous_commit = off");
			this.copy.copyIn("COPY import_catalog_stage FROM STDIN", new ByteArrayInputStream(rows.bytes()));
			// without statistics the planner joins the stage by nested loops
			execute("ANALYZE import_catalog_stage");
			execute(UPSERT_ARTISTS);
			execute(UPSERT_ALBUMS);
			execute(UPSERT_TRACKS);
			try (Statement statement = this.connection.createStatement();
					ResultSet ids = statement.executeQuery(TRACK_IDS)) {
				while (ids.next()) {
					this.trackIds.put(ids.getString(1), ids.getInt(2));
				}
			}
			this.connection.commit();
			for (String key : unknown.keySet()) {
				if (!this.trackIds.containsKey(key)) {
					// the database stored another text than it was given (the reader
					// refuses keys with NUL or lone surrogates, so this is a bug)
					throw new ImportFailedException(
							"track " + PrintableText.abbreviate(key, 60) + " could not be stored under its own key");
				}
			}
		}
		catch (IOException ex) {
			rollbackQuietly();
			throw new SQLException("COPY into the catalog staging table failed", ex);
		}
		catch (SQLException | RuntimeException ex) {
			rollbackQuietly();
			throw ex;
		}
	}

	/** The id of a track resolved before. */
	int idOf(String trackKey) {
		Integer id = this.trackIds.get(trackKey);
		if (id == null) {
			throw new IllegalStateException("track " + trackKey + " was not resolved");
		}
		return id;
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
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

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
