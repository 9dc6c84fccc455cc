package org.spotifymcp.collector.polling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.spotifymcp.shared.plays.PlaySource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a page of recently-played set-wise: artists, albums and tracks are upserted with
 * one statement each (array parameters and {@code unnest}), then the plays are inserted
 * with {@code ON CONFLICT DO NOTHING}, so the same play seen twice stays one row. Keys
 * are written in sorted order so concurrent writers lock catalog rows in the same order
 * and cannot deadlock. The page's months are then applied to the history rollups. Plays
 * only ever reference track ids upserted in the same transaction ({@code plays} has no
 * foreign keys).
 */
public class PlayWriter {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	public PlayWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * @param userId the listener
	 * @param plays the plays to keep
	 * @return how many plays were new
	 */
	public int write(int userId, List<HistoryPlay> plays) {
		if (plays.isEmpty()) {
			return 0;
		}
		Integer inserted = this.transaction.execute((status) -> writeInTransaction(userId, plays));
		return (inserted != null) ? inserted : 0;
	}

	private int writeInTransaction(int userId, List<HistoryPlay> plays) {
		Map<String, HistoryPlay.Artist> artists = new TreeMap<>();
		Map<String, HistoryPlay.Album> albums = new TreeMap<>();
		Map<String, HistoryPlay> tracks = new TreeMap<>();
		for (HistoryPlay play : plays) {
			tracks.putIfAbsent(play.trackId(), play);
			if (play.album() != null && play.album().id() != null) {
				albums.putIfAbsent(play.album().id(), play.album());
			}
			for (HistoryPlay.Artist artist : play.artists()) {
				artists.putIfAbsent(artist.id(), artist);
			}
		}
		Map<String, Integer> artistIds = upsertArtists(artists);
		Map<String, Integer> albumIds = upsertAlbums(albums);
		Map<String, Integer> trackIds = upsertTracks(tracks, albumIds);
		linkArtists(tracks, trackIds, artistIds);
		int inserted = insertPlays(userId, plays, trackIds);
		if (inserted > 0) {
			applyToRollups(userId, plays);
		}
		return inserted;
	}

	/**
	 * Brings the history rollups of the page's months up to date, in the transaction that
	 * wrote the plays (docs/rollups.md).
	 */
	private void applyToRollups(int userId, List<HistoryPlay> plays) {
		String first = plays.stream()
			.map(HistoryPlay::playedAt)
			.min(Comparator.naturalOrder())
			.orElseThrow()
			.toString();
		String last = plays.stream().map(HistoryPlay::playedAt).max(Comparator.naturalOrder()).orElseThrow().toString();
		this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, ?::timestamptz, ?::timestamptz)", userId, first, last);
	}

	private Map<String, Integer> upsertArtists(Map<String, HistoryPlay.Artist> artists) {
		if (artists.isEmpty()) {
			return Map.of();
		}
		List<String> ids = new ArrayList<>(artists.keySet());
		List<String> names = artists.values().stream().map((artist) -> nonBlank(artist.name(), artist.id())).toList();
		this.jdbc.update(
				(connection) -> statement(connection,
						"INSERT INTO artists (spotify_id, name) SELECT * FROM unnest(?::text[], ?::text[])"
								+ " ON CONFLICT (spotify_id) DO NOTHING",
						text(connection, ids), text(connection, names)));
		return idsOf("artists", ids);
	}

	private Map<String, Integer> upsertAlbums(Map<String, HistoryPlay.Album> albums) {
		if (albums.isEmpty()) {
			return Map.of();
		}
		List<String> ids = new ArrayList<>(albums.keySet());
		List<String> names = albums.values().stream().map((album) -> nonBlank(album.name(), album.id())).toList();
		List<String> releaseDates = albums.values().stream().map(HistoryPlay.Album::releaseDate).toList();
		List<String> images = albums.values().stream().map(HistoryPlay.Album::imageUrl).toList();
		// an album first seen in an export lacks release date and cover: the API fills
		// them in
		this.jdbc.update((connection) -> statement(connection,
				"INSERT INTO albums (spotify_id, name, release_date, image_url)"
						+ " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
						+ " ON CONFLICT (spotify_id) DO UPDATE SET"
						+ " release_date = COALESCE(albums.release_date, EXCLUDED.release_date),"
						+ " image_url = COALESCE(albums.image_url, EXCLUDED.image_url)"
						+ " WHERE (albums.release_date IS NULL AND EXCLUDED.release_date IS NOT NULL)"
						+ " OR (albums.image_url IS NULL AND EXCLUDED.image_url IS NOT NULL)",
				text(connection, ids), text(connection, names), text(connection, releaseDates),
				text(connection, images)));
		return idsOf("albums", ids);
	}

	private Map<String, Integer> upsertTracks(Map<String, HistoryPlay> tracks, Map<String, Integer> albumIds) {
		List<String> ids = new ArrayList<>(tracks.keySet());
		List<String> names = new ArrayList<>();
		List<Integer> albums = new ArrayList<>();
		List<Integer> durations = new ArrayList<>();
		List<Boolean> explicit = new ArrayList<>();
		for (HistoryPlay play : tracks.values()) {
			names.add(nonBlank(play.trackName(), play.trackId()));
			albums.add((play.album() != null) ? albumIds.get(play.album().id()) : null);
			durations.add(play.durationMs());
			explicit.add(play.explicit());
		}
		this.jdbc.update((connection) -> statement(connection,
				"INSERT INTO tracks (spotify_id, name, album_id, duration_ms, explicit)"
						+ " SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::boolean[])"
						+ " ON CONFLICT (spotify_id) DO UPDATE SET"
						+ " album_id = COALESCE(tracks.album_id, EXCLUDED.album_id),"
						+ " duration_ms = COALESCE(tracks.duration_ms, EXCLUDED.duration_ms),"
						+ " explicit = COALESCE(tracks.explicit, EXCLUDED.explicit)"
						+ " WHERE (tracks.album_id IS NULL AND EXCLUDED.album_id IS NOT NULL)"
						+ " OR (tracks.duration_ms IS NULL AND EXCLUDED.duration_ms IS NOT NULL)",
				text(connection, ids), text(connection, names), connection.createArrayOf("int4", albums.toArray()),
				connection.createArrayOf("int4", durations.toArray()),
				connection.createArrayOf("bool", explicit.toArray())));
		return idsOf("tracks", ids);
	}

	private void linkArtists(Map<String, HistoryPlay> tracks, Map<String, Integer> trackIds,
			Map<String, Integer> artistIds) {
		List<Integer> trackColumn = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		List<Integer> artistColumn = new ArrayList<>();
		tracks.forEach((spotifyId, play) -> {
			for (int position = 0; position < play.artists().size(); position++) {
				Integer artistId = artistIds.get(play.artists().get(position).id());
				if (artistId != null) {
					trackColumn.add(trackIds.get(spotifyId));
					positions.add(position);
					artistColumn.add(artistId);
				}
			}
		});
		if (trackColumn.isEmpty()) {
			return;
		}
		this.jdbc.update((connection) -> statement(connection,
				"INSERT INTO track_artists (track_id, position, artist_id)"
						+ " SELECT * FROM unnest(?::int[], ?::smallint[], ?::int[]) ON CONFLICT DO NOTHING",
				connection.createArrayOf("int4", trackColumn.toArray()),
				connection.createArrayOf("int4", positions.toArray()),
				connection.createArrayOf("int4", artistColumn.toArray())));
	}

	private int insertPlays(int userId, List<HistoryPlay> plays, Map<String, Integer> trackIds) {
		List<String> playedAt = plays.stream().map((play) -> play.playedAt().toString()).toList();
		List<Integer> tracks = plays.stream().map((play) -> trackIds.get(play.trackId())).toList();
		return this.jdbc.update((connection) -> {
			PreparedStatement statement = connection
				.prepareStatement("INSERT INTO plays (played_at, user_id, track_id, source)"
						+ " SELECT p.played_at::timestamptz, ?, p.track_id, ?"
						+ " FROM unnest(?::text[], ?::int[]) AS p (played_at, track_id)" + " ON CONFLICT DO NOTHING");
			statement.setInt(1, userId);
			statement.setShort(2, PlaySource.API.code());
			statement.setArray(3, text(connection, playedAt));
			statement.setArray(4, connection.createArrayOf("int4", tracks.toArray()));
			return statement;
		});
	}

	private Map<String, Integer> idsOf(String table, List<String> spotifyIds) {
		Map<String, Integer> ids = new HashMap<>();
		this.jdbc.query((connection) -> statement(connection,
				"SELECT spotify_id, id FROM " + table + " WHERE spotify_id = ANY (?::text[])",
				text(connection, spotifyIds)), (row) -> {
					ids.put(row.getString(1), row.getInt(2));
				});
		return ids;
	}

	private static PreparedStatement statement(Connection connection, String sql, java.sql.Array... arrays)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < arrays.length; i++) {
			statement.setArray(i + 1, arrays[i]);
		}
		return statement;
	}

	private static java.sql.Array text(Connection connection, List<String> values) throws SQLException {
		return connection.createArrayOf("text", values.toArray());
	}

	private static String nonBlank(String value, String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
