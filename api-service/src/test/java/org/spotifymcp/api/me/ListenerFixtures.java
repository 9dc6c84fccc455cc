package org.spotifymcp.api.me;

import java.util.UUID;

import org.spotifymcp.shared.imports.CatalogKeys;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Users with a small history whose names carry a per-user marker, so a page showing
 * another listener's data is caught by name.
 */
final class ListenerFixtures {

	private ListenerFixtures() {
	}

	/**
	 * Creates a linked user with plays of three tracks: one with two artists, one known
	 * only by name (an export-only track), one played without a duration.
	 * @param jdbc the database
	 * @param marker text in every name of this user's catalog
	 * @return the user id
	 */
	static int listenerWithHistory(JdbcTemplate jdbc, String marker) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		int user = jdbc.queryForObject("insert into users (spotify_user_id, display_name, time_zone)"
				+ " values (?, ?, 'Europe/Berlin') returning id", Integer.class, marker + "-" + unique, marker);
		int artistA = jdbc.queryForObject("insert into artists (spotify_id, name) values (?, ?) returning id",
				Integer.class, "art" + unique + "a", marker + " Artist");
		int artistB = jdbc.queryForObject("insert into artists (spotify_id, name) values (?, ?) returning id",
				Integer.class, "art" + unique + "b", marker + " Guest");
		int album = jdbc.queryForObject("insert into albums (spotify_id, name) values (?, ?) returning id",
				Integer.class, "alb" + unique, marker + " Album");
		int duet = track(jdbc, spotifyId("trk" + unique + "1"), marker + " Duet", album, artistA, artistB);
		// keyed as the importer keys a track it only knows by name
		int local = track(jdbc, CatalogKeys.localTrack(marker + " Artist", marker + " Local Song", marker + " Album"),
				marker + " Local Song", album, artistA);
		int plain = track(jdbc, spotifyId("trk" + unique + "3"), marker + " Plain Song", album, artistA);
		for (int day = 1; day <= 20; day++) {
			jdbc.update(
					"insert into plays (user_id, played_at, track_id, ms_played, source) values"
							+ " (?, timestamptz '2024-03-01T08:00Z' + make_interval(days => ?), ?, 200000, 1),"
							+ " (?, timestamptz '2024-03-01T09:30Z' + make_interval(days => ?), ?, 150000, 2)",
					user, day, duet, user, day, local);
		}
		jdbc.update("insert into plays (user_id, played_at, track_id, ms_played, source) values"
				+ " (?, '2024-04-02T20:00Z', ?, null, 1)", user, plain);
		return user;
	}

	/** Spotify ids are 22 letters or digits; the importer checks. */
	private static String spotifyId(String start) {
		return (start + "0".repeat(22)).substring(0, 22);
	}

	private static int track(JdbcTemplate jdbc, String spotifyId, String name, int album, int... artists) {
		int track = jdbc.queryForObject(
				"insert into tracks (spotify_id, name, album_id, duration_ms) values (?, ?, ?, 210000) returning id",
				Integer.class, spotifyId, name, album);
		for (int position = 0; position < artists.length; position++) {
			jdbc.update("insert into track_artists (track_id, position, artist_id) values (?, ?, ?)", track, position,
					artists[position]);
		}
		return track;
	}

}
