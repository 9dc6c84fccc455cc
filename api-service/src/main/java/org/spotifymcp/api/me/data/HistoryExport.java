package org.spotifymcp.api.me.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams a user's whole history to an output stream: the user's catalog is read first
 * (one row per distinct track), then the plays through a server-side cursor, so memory
 * stays flat however many plays there are.
 */
@Component
public class HistoryExport {

	private static final int FETCH_SIZE = 10_000;

	private static final String TRACKS = "SELECT t.id, t.spotify_id, t.name, al.name AS album,"
			+ " (SELECT array_agg(a.name ORDER BY ta.position) FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists"
			+ " FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
			+ " WHERE t.id IN (SELECT DISTINCT track_id FROM plays WHERE user_id = ?)";

	// Both tables are ordered by the same primary key, so the join is a merge.
	private static final String PLAYS_WITH_EXTRAS = "SELECT p.played_at, p.track_id, p.ms_played, p.source,"
			+ " x.reason_start, x.reason_end, x.shuffle, x.skipped, x.offline, x.platform, x.conn_country FROM plays p"
			+ " LEFT JOIN play_extras x ON x.user_id = p.user_id AND x.played_at = p.played_at"
			+ " AND x.track_id = p.track_id WHERE p.user_id = ? ORDER BY p.played_at, p.track_id";

	// Extras are only kept with IMPORT_KEEP_EXTRA_FIELDS=true: most users have none.
	private static final String PLAYS = "SELECT p.played_at, p.track_id, p.ms_played, p.source, null, null, null,"
			+ " null, null, null, null FROM plays p WHERE p.user_id = ? ORDER BY p.played_at, p.track_id";

	private static final String[] SOURCES = { null, "api", "extended_export", "account_export" };

	private final DataSource dataSource;

	private final JsonMapper json;

	HistoryExport(DataSource dataSource, JsonMapper json) {
		this.dataSource = dataSource;
		// The caller owns the stream: closing a generator must not close it.
		this.json = json.rebuild().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
	}

	/**
	 * A download answer that streams the plays while they are read.
	 * @param userId whose plays
	 * @param format the format
	 * @return the response
	 */
	public ResponseEntity<StreamingResponseBody> response(int userId, ExportFormat format) {
		String name = "listening-history-" + userId + "." + format.extension();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(MediaType.parseMediaType(format.contentType()))
			.body((out) -> write(userId, format, out));
	}

	/**
	 * Writes every play of a user.
	 * @param userId the user
	 * @param format the format
	 * @param out where to write (not closed)
	 * @return plays written
	 */
	public long write(int userId, ExportFormat format, OutputStream out) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			// PostgreSQL only streams with a cursor inside a transaction.
			connection.setAutoCommit(false);
			try {
				Map<Integer, TrackInfo> tracks = tracks(connection, userId);
				BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
				long written = switch (format) {
					case JSON -> writeJson(connection, userId, tracks, buffered);
					case CSV -> writeCsv(connection, userId, tracks, buffered);
					case LISTENBRAINZ -> writeListenBrainz(connection, userId, tracks, buffered);
				};
				buffered.flush();
				return written;
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("export of user " + userId + " failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<Integer, TrackInfo> tracks(Connection connection, int userId) throws SQLException {
		Map<Integer, TrackInfo> tracks = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(TRACKS)) {
			statement.setInt(1, userId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					java.sql.Array array = rows.getArray("artists");
					String[] artists = (array != null) ? (String[]) array.getArray() : new String[0];
					String spotifyId = rows.getString("spotify_id");
					String name = rows.getString("name");
					String album = rows.getString("album");
					String uri = spotifyId.startsWith("local:") ? null : "spotify:track:" + spotifyId;
					tracks.put(rows.getInt("id"),
							new TrackInfo(name, artists, album, uri, jsonFields(name, artists, album, uri)));
				}
			}
		}
		return tracks;
	}

	/**
	 * A track's part of an extended-history record, escaped once: the fields the importer
	 * reads, and (ours, ignored by the importer) every artist when there are several.
	 */
	private String jsonFields(String name, String[] artists, String album, String uri) {
		return ",\"master_metadata_track_name\":" + this.json.writeValueAsString(name)
				+ ",\"master_metadata_album_artist_name\":"
				+ this.json.writeValueAsString((artists.length > 0) ? artists[0] : null)
				+ ",\"master_metadata_album_album_name\":" + this.json.writeValueAsString(album)
				+ ",\"spotify_track_uri\":" + this.json.writeValueAsString(uri)
				+ ((artists.length > 1) ? ",\"artists\":" + this.json.writeValueAsString(artists) : "");
	}

	private long eachPlay(Connection connection, int userId, Map<Integer, TrackInfo> tracks, PlayWriter writer)
			throws SQLException, IOException {
		long count = 0;
		boolean extras;
		try (PreparedStatement check = connection
			.prepareStatement("SELECT EXISTS (SELECT 1 FROM play_extras WHERE user_id = ?)")) {
			check.setInt(1, userId);
			try (ResultSet rows = check.executeQuery()) {
				extras = rows.next() && rows.getBoolean(1);
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(extras ? PLAYS_WITH_EXTRAS : PLAYS)) {
			statement.setFetchSize(FETCH_SIZE);
			statement.setInt(1, userId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Integer ms = (Integer) rows.getObject(3);
					PlayRow play = new PlayRow(rows.getTimestamp(1).toInstant(), tracks.get(rows.getInt(2)), ms,
							SOURCES[rows.getShort(4)], rows.getString(5), rows.getString(6),
							(Boolean) rows.getObject(7), (Boolean) rows.getObject(8), (Boolean) rows.getObject(9),
							rows.getString(10), rows.getString(11));
					writer.write(play);
					count++;
				}
			}
		}
		return count;
	}

	/**
	 * Writes the JSON by hand: each track's fields are escaped once (see
	 * {@link #tracks}), so a play costs little more than its time stamp.
	 */
	private long writeJson(Connection connection, int userId, Map<Integer, TrackInfo> tracks, OutputStream out)
			throws SQLException, IOException {
		out.write('[');
		StringBuilder line = new StringBuilder(512);
		boolean[] first = { true };
		long count = eachPlay(connection, userId, tracks, (play) -> {
			line.setLength(0);
			line.append(first[0] ? "\n{\"ts\":\"" : ",\n{\"ts\":\"");
			first[0] = false;
			line.append(play.playedAt()).append('"');
			if (play.msPlayed() != null) {
				line.append(",\"ms_played\":").append(play.msPlayed());
			}
			line.append(play.track().json());
			optional(line, "reason_start", play.reasonStart());
			optional(line, "reason_end", play.reasonEnd());
			optional(line, "shuffle", play.shuffle());
			optional(line, "skipped", play.skipped());
			optional(line, "offline", play.offline());
			optional(line, "platform", play.platform());
			optional(line, "conn_country", play.connCountry());
			line.append(",\"source\":\"").append(play.source()).append("\"}");
			out.write(line.toString().getBytes(StandardCharsets.UTF_8));
		});
		out.write("\n]\n".getBytes(StandardCharsets.UTF_8));
		return count;
	}

	private long writeCsv(Connection connection, int userId, Map<Integer, TrackInfo> tracks, OutputStream out)
			throws SQLException, IOException {
		out.write(
				"played_at,ms_played,track,artists,album,spotify_track_uri,source\n".getBytes(StandardCharsets.UTF_8));
		StringBuilder line = new StringBuilder(256);
		return eachPlay(connection, userId, tracks, (play) -> {
			line.setLength(0);
			line.append(play.playedAt()).append(',');
			if (play.msPlayed() != null) {
				line.append(play.msPlayed());
			}
			line.append(',');
			csv(line, play.track().name()).append(',');
			csv(line, String.join("; ", play.track().artists())).append(',');
			csv(line, play.track().album()).append(',');
			if (play.track().uri() != null) {
				line.append(play.track().uri());
			}
			line.append(',').append(play.source()).append('\n');
			out.write(line.toString().getBytes(StandardCharsets.UTF_8));
		});
	}

	private long writeListenBrainz(Connection connection, int userId, Map<Integer, TrackInfo> tracks, OutputStream out)
			throws SQLException, IOException {
		try (JsonGenerator generator = this.json.createGenerator(out)) {
			return eachPlay(connection, userId, tracks, (play) -> {
				generator.writeStartObject();
				generator.writeNumberProperty("listened_at", play.playedAt().getEpochSecond());
				generator.writeName("track_metadata");
				generator.writeStartObject();
				generator.writeStringProperty("artist_name", String.join(", ", play.track().artists()));
				generator.writeStringProperty("track_name", play.track().name());
				if (play.track().album() != null) {
					generator.writeStringProperty("release_name", play.track().album());
				}
				generator.writeName("additional_info");
				generator.writeStartObject();
				generator.writeStringProperty("music_service", "spotify.com");
				generator.writeStringProperty("submission_client", "spotify-mcp-history-collector");
				if (play.track().uri() != null) {
					generator.writeStringProperty("spotify_id", "https://open.spotify.com/track/"
							+ play.track().uri().substring("spotify:track:".length()));
				}
				if (play.msPlayed() != null) {
					generator.writeNumberProperty("duration_ms", play.msPlayed());
				}
				generator.writeEndObject();
				generator.writeEndObject();
				generator.writeEndObject();
				generator.writeRaw('\n');
			});
		}
	}

	private void optional(StringBuilder line, String name, Object value) {
		if (value != null) {
			line.append(",\"").append(name).append("\":").append(this.json.writeValueAsString(value));
		}
	}

	private static StringBuilder csv(StringBuilder line, String value) {
		if (value == null) {
			return line;
		}
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return line.append(value);
		}
		return line.append('"').append(value.replace("\"", "\"\"")).append('"');
	}

	/** Writes one play. */
	private interface PlayWriter {

		void write(PlayRow play) throws IOException;

	}

	/**
	 * A track of the user's catalog.
	 *
	 * @param name track name
	 * @param artists artist names, main artist first
	 * @param album album name (may be null)
	 * @param uri the {@code spotify:track:} URI, null for tracks only known by name
	 * @param json the track's fields of a JSON record, escaped
	 */
	private record TrackInfo(String name, String[] artists, String album, String uri, String json) {

		String mainArtist() {
			return (this.artists.length > 0) ? this.artists[0] : null;
		}

	}

	/** One play with its track and optional export fields. */
	private record PlayRow(Instant playedAt, TrackInfo track, Integer msPlayed, String source, String reasonStart,
			String reasonEnd, Boolean shuffle, Boolean skipped, Boolean offline, String platform, String connCountry) {

	}

}
