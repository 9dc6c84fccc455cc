package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

import org.spotifymcp.shared.testing.SpotifyExportFixtures;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test helpers: users, uploaded files and import job rows, written as the intake would.
 */
final class ImportFixtures {

	static final Path EXPORTS = SpotifyExportFixtures.directory();

	private final JdbcTemplate jdbc;

	private final Path uploadDir;

	ImportFixtures(JdbcTemplate jdbc, Path uploadDir) {
		this.jdbc = jdbc;
		this.uploadDir = uploadDir;
	}

	int newUser() {
		return this.jdbc.queryForObject("INSERT INTO users (display_name) VALUES ('importer') RETURNING id",
				Integer.class);
	}

	/** Copies an export into the upload directory and records a pending job for it. */
	long jobFor(int userId, Path export) {
		String name = export.getFileName().toString();
		String extension = name.toLowerCase().endsWith(".json") ? ".json" : ".zip";
		Path stored = this.uploadDir.resolve("import-" + UUID.randomUUID() + extension);
		try {
			Files.createDirectories(this.uploadDir);
			Files.copy(export, stored, StandardCopyOption.REPLACE_EXISTING);
			return this.jdbc.queryForObject(
					"INSERT INTO import_jobs (user_id, original_filename, stored_path, file_size_bytes)"
							+ " VALUES (?, ?, ?, ?) RETURNING id",
					Long.class, userId, name, stored.toString(), Files.size(stored));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long jobFor(int userId, String name, byte[] content) {
		try {
			Path dir = Files.createTempDirectory("export");
			Path file = dir.resolve(name);
			Files.write(file, content);
			return jobFor(userId, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Object> job(long jobId) {
		return this.jdbc.queryForMap("SELECT * FROM import_jobs WHERE id = ?", jobId);
	}

	/**
	 * Rows where a rollup table and a naive aggregate over the user's plays disagree (in
	 * either direction): empty when the rollups are exact.
	 */
	java.util.List<Map<String, Object>> rollupMismatches(int userId) {
		String ms = "coalesce(p.ms_played, t.duration_ms, 0)";
		String plays = " FROM plays p LEFT JOIN tracks t ON t.id = p.track_id WHERE p.user_id = " + userId;
		String hours = "SELECT 'hour' AS rollup, floor(extract(epoch FROM p.played_at) / 3600)::bigint AS k1,"
				+ " p.source::bigint AS k2, count(*)::bigint AS plays, sum(" + ms
				+ ")::bigint AS ms, NULL::timestamptz AS f," + " NULL::timestamptz AS l" + plays + " GROUP BY 2, 3";
		String hourRollup = "SELECT 'hour', hour, source, plays, ms_played, NULL::timestamptz, NULL::timestamptz"
				+ " FROM play_hour_totals WHERE user_id = " + userId;
		String months = "SELECT 'month', ((extract(year FROM p.played_at AT TIME ZONE 'UTC') - 1970) * 12"
				+ " + extract(month FROM p.played_at AT TIME ZONE 'UTC') - 1)::bigint, p.track_id::bigint, count(*),"
				+ " sum(" + ms + ")::bigint, NULL::timestamptz, NULL::timestamptz" + plays + " GROUP BY 2, 3";
		String monthRollup = "SELECT 'month', month, track_id, plays, ms_played, NULL::timestamptz, NULL::timestamptz"
				+ " FROM play_month_tracks WHERE user_id = " + userId;
		String tracks = "SELECT 'track', p.track_id::bigint, 0::bigint, count(*), sum(" + ms
				+ ")::bigint, min(p.played_at), max(p.played_at)" + plays + " GROUP BY 2";
		String trackRollup = "SELECT 'track', track_id, 0, plays, ms_played, first_played_at, last_played_at"
				+ " FROM user_track_totals WHERE user_id = " + userId;
		// V8: per month, per album, and per artist key (lower-cased name, once per play)
		String monthTotals = "SELECT 'month total', ((extract(year FROM p.played_at AT TIME ZONE 'UTC') - 1970) * 12"
				+ " + extract(month FROM p.played_at AT TIME ZONE 'UTC') - 1)::bigint, 0::bigint, count(*), sum(" + ms
				+ ")::bigint, NULL::timestamptz, NULL::timestamptz" + plays + " GROUP BY 2";
		String monthTotalRollup = "SELECT 'month total', month, 0, plays, ms_played, NULL::timestamptz, NULL::timestamptz"
				+ " FROM play_month_totals WHERE user_id = " + userId;
		String albums = "SELECT 'album', t.album_id::bigint, 0::bigint, count(*), sum(" + ms
				+ ")::bigint, NULL::timestamptz, NULL::timestamptz" + plays + " AND t.album_id IS NOT NULL GROUP BY 2";
		String albumRollup = "SELECT 'album', album_id, 0, plays, ms_played, NULL::timestamptz, NULL::timestamptz"
				+ " FROM user_album_totals WHERE user_id = " + userId;
		String artists = "SELECT 'artist ' || k.artist_key, 0::bigint, 0::bigint, count(*), sum(" + ms
				+ ")::bigint, min(p.played_at), NULL::timestamptz"
				+ plays.replace(" WHERE ",
						" JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta"
								+ " JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id WHERE ")
				+ " GROUP BY 1";
		String artistRollup = "SELECT 'artist ' || artist_key, 0, 0, plays, ms_played, first_played_at,"
				+ " NULL::timestamptz FROM user_artist_totals WHERE user_id = " + userId;
		String days = "SELECT 'day', ((p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01')::bigint,"
				+ " p.source::bigint, count(*), sum(" + ms + ")::bigint, NULL::timestamptz, NULL::timestamptz"
				+ plays.replace(" WHERE ", " JOIN play_local_day_zones z ON z.user_id = p.user_id WHERE ")
				+ " GROUP BY 2, 3";
		String dayRollup = "SELECT 'day', day, source, plays, ms_played, NULL::timestamptz, NULL::timestamptz"
				+ " FROM play_local_days WHERE user_id = " + userId;
		String naive = "(" + hours + " UNION ALL " + months + " UNION ALL " + tracks + " UNION ALL " + monthTotals
				+ " UNION ALL " + albums + " UNION ALL " + artists + " UNION ALL " + days + ")";
		String rollups = "(" + hourRollup + " UNION ALL " + monthRollup + " UNION ALL " + trackRollup + " UNION ALL "
				+ monthTotalRollup + " UNION ALL " + albumRollup + " UNION ALL " + artistRollup + " UNION ALL "
				+ dayRollup + ")";
		return this.jdbc.queryForList("SELECT 'plays say' AS side, * FROM (" + naive + " EXCEPT ALL " + rollups
				+ ") a UNION ALL SELECT 'rollups say', * FROM (" + rollups + " EXCEPT ALL " + naive
				+ ") b ORDER BY 2, 3, 4, 1 LIMIT 20");
	}

	long plays(int userId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM plays WHERE user_id = ?", Long.class, userId);
	}

}
