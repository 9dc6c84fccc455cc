package org.spotifymcp.api.me;

import java.util.UUID;

import org.spotifymcp.shared.imports.CatalogKeys;
import org.spotifymcp.shared.testing.RollupChecks;

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
		RollupChecks.apply(jdbc, user);
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

	/**
	 * Gives a user a varied history for the pages' screenshots: 14 artists (one with a
	 * very long name), two tracks each, 700 plays from January 2025 on, at changing
	 * hours, some artists far more played than others; and one five-hour piece heard
	 * once.
	 * @param jdbc the database
	 * @param user the user
	 * @return plays inserted
	 */
	static int richHistory(JdbcTemplate jdbc, int user) {
		String[] names = { "The Unusually Long Named Orchestra of the Northern Hemisphere and Friends", "Björk",
				"Khruangbin", "Radiohead", "Nils Frahm", "Little Simz", "Aphex Twin", "Fleetwood Mac", "Sade",
				"Kraftwerk", "Portishead", "Nina Simone", "Bon Iver", "Massive Attack" };
		String unique = UUID.randomUUID().toString().substring(0, 6);
		java.util.List<Integer> tracks = new java.util.ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			int artist = jdbc.queryForObject("insert into artists (spotify_id, name) values (?, ?) returning id",
					Integer.class, spotifyId("ar" + unique + "n" + i + "z"), names[i]);
			int album = jdbc.queryForObject("insert into albums (spotify_id, name) values (?, ?) returning id",
					Integer.class, spotifyId("al" + unique + "n" + i + "z"),
					names[i].split(" ")[0] + " Sessions, Vol. " + (i + 1));
			for (int t = 0; t < 2; t++) {
				tracks.add(track(jdbc, spotifyId("tr" + unique + i + "x" + t),
						(t == 0) ? "Song " + (char) ('A' + i) + " (Extended Version)" : "Interlude " + (i + 1), album,
						artist));
			}
		}
		java.time.Instant start = java.time.Instant.parse("2025-01-02T06:00:00Z");
		java.util.List<Object[]> rows = new java.util.ArrayList<>();
		for (int g = 0; g < 700; g++) {
			// squares skew the choice: a few tracks get most plays
			int track = tracks.get((g * g + g / 3) % tracks.size());
			java.time.Instant at = start.plusSeconds(g * 23L * 3600 + (g % 11) * 3100L);
			rows.add(new Object[] { user, java.sql.Timestamp.from(at), track, 120000 + (g % 7) * 20000,
					(g % 3 == 0) ? 2 : 1 });
		}
		// one long piece heard once: last by plays, first by listening time
		int richter = jdbc.queryForObject(
				"insert into artists (spotify_id, name) values (?, 'Max Richter') returning id", Integer.class,
				spotifyId("ar" + unique + "mrz"));
		int sleep = jdbc.queryForObject("insert into albums (spotify_id, name) values (?, 'Sleep') returning id",
				Integer.class, spotifyId("al" + unique + "slz"));
		int dream = track(jdbc, spotifyId("tr" + unique + "dr3"), "Dream 3 (in the midst of my life)", sleep, richter);
		jdbc.update("update tracks set duration_ms = 18000000 where id = ?", dream);
		rows.add(new Object[] { user, java.sql.Timestamp.from(java.time.Instant.parse("2025-06-14T22:00:00Z")), dream,
				18_000_000, 2 });
		jdbc.batchUpdate("insert into plays (user_id, played_at, track_id, ms_played, source) values (?, ?, ?, ?, ?)",
				rows);
		RollupChecks.apply(jdbc, user);
		return rows.size();
	}

}
