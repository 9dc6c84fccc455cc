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
	private static final String PLAYS = "SELECT p.played_at, p.track_id, p.ms_played, p.source, x.reason_start,"
			+ " x.reason_end, x.shuffle, x.skipped, x.offline, x.platform, x.conn_country FROM plays p"
			+ " LEFT JOIN play_extras x ON x.user_id = p.user_id AND x.played_at = p.played_at"
			+ " AND x.track_id = p.track_id WHERE p.user_id = ? ORDER BY p.played_at, p.track_id";

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
					tracks.put(rows.getInt("id"), new TrackInfo(rows.getString("name"), artists,
							rows.getString("album"), spotifyId.startsWith("local:") ? null : spotifyId));
				}
			}
		}
		return tracks;
	}

	private long eachPlay(Connection connection, int userId, Map<Integer, TrackInfo> tracks, PlayWriter writer)
			throws SQLException, IOException {
		long count = 0;
		try (PreparedStatement statement = connection.prepareStatement(PLAYS)) {
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

	private long writeJson(Connection connection, int userId, Map<Integer, TrackInfo> tracks, OutputStream out)
			throws SQLException, IOException {
		try (JsonGenerator generator = this.json.createGenerator(out)) {
			generator.writeStartArray();
			long count = eachPlay(connection, userId, tracks, (play) -> {
				generator.writeStartObject();
				generator.writeStringProperty("ts", play.playedAt().toString());
				if (play.msPlayed() != null) {
					generator.writeNumberProperty("ms_played", play.msPlayed());
				}
				generator.writeStringProperty("master_metadata_track_name", play.track().name());
				generator.writeStringProperty("master_metadata_album_artist_name", play.track().mainArtist());
				generator.writeStringProperty("master_metadata_album_album_name", play.track().album());
				generator.writeStringProperty("spotify_track_uri",
						(play.track().spotifyId() != null) ? "spotify:track:" + play.track().spotifyId() : null);
				optional(generator, "reason_start", play.reasonStart());
				optional(generator, "reason_end", play.reasonEnd());
				optional(generator, "shuffle", play.shuffle());
				optional(generator, "skipped", play.skipped());
				optional(generator, "offline", play.offline());
				optional(generator, "platform", play.platform());
				optional(generator, "conn_country", play.connCountry());
				// Ours, ignored by the importer: every artist and where the play came
				// from.
				generator.writeName("artists");
				generator.writeStartArray();
				for (String artist : play.track().artists()) {
					generator.writeString(artist);
				}
				generator.writeEndArray();
				generator.writeStringProperty("source", play.source());
				generator.writeEndObject();
			});
			generator.writeEndArray();
			return count;
		}
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
			if (play.track().spotifyId() != null) {
				line.append("spotify:track:").append(play.track().spotifyId());
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
				if (play.track().spotifyId() != null) {
					generator.writeStringProperty("spotify_id",
							"https://open.spotify.com/track/" + play.track().spotifyId());
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

	private static void optional(JsonGenerator generator, String name, String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

	private static void optional(JsonGenerator generator, String name, Boolean value) {
		if (value != null) {
			generator.writeBooleanProperty(name, value);
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
	 * @param spotifyId the Spotify id, null for tracks only known by name
	 */
	private record TrackInfo(String name, String[] artists, String album, String spotifyId) {

		String mainArtist() {
			return (this.artists.length > 0) ? this.artists[0] : null;
		}

	}

	/** One play with its track and optional export fields. */
	private record PlayRow(Instant playedAt, TrackInfo track, Integer msPlayed, String source, String reasonStart,
			String reasonEnd, Boolean shuffle, Boolean skipped, Boolean offline, String platform, String connCountry) {

	}

}
