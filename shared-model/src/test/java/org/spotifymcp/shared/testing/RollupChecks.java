package org.spotifymcp.shared.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every history rollup (V3, V8) next to the same figures computed naively from
 * {@code plays}: tests of the triggers, of imports and of analytics compare the two.
 */
public final class RollupChecks {

	/** Each rollup table: its rows, and the same rows aggregated from plays. */
	private static final Map<String, String[]> QUERIES = Map.of("play_local_days", new String[] {
			"SELECT user_id, day, source, plays, ms_played FROM play_local_days",
			"SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source, count(*)::integer,"
					+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p"
					+ " JOIN play_local_day_zones z ON z.user_id = p.user_id LEFT JOIN tracks t ON t.id = p.track_id"
					+ " GROUP BY 1, 2, 3" },
			"play_hour_totals",
			new String[] { "SELECT user_id, hour, source, plays, ms_played FROM play_hour_totals",
					"SELECT p.user_id, floor(extract(epoch FROM p.played_at) / 3600)::integer, p.source, count(*)::integer,"
							+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p LEFT JOIN tracks t ON t.id = p.track_id"
							+ " GROUP BY 1, 2, 3" },
			"play_month_tracks",
			new String[] { "SELECT user_id, month, track_id, plays, ms_played FROM play_month_tracks",
					"SELECT p.user_id, rollup_utc_month(p.played_at), p.track_id, count(*)::integer,"
							+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p"
							+ " LEFT JOIN tracks t ON t.id = p.track_id GROUP BY 1, 2, 3" },
			"user_track_totals",
			new String[] {
					"SELECT user_id, track_id, plays, ms_played, first_played_at, last_played_at FROM user_track_totals",
					"SELECT p.user_id, p.track_id, count(*)::integer, sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint,"
							+ " min(p.played_at), max(p.played_at) FROM plays p LEFT JOIN tracks t ON t.id = p.track_id"
							+ " GROUP BY 1, 2" },
			"play_month_totals",
			new String[] { "SELECT user_id, month, plays, ms_played FROM play_month_totals",
					"SELECT p.user_id, rollup_utc_month(p.played_at), count(*)::integer,"
							+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p"
							+ " LEFT JOIN tracks t ON t.id = p.track_id GROUP BY 1, 2" },
			"play_month_albums",
			new String[] { "SELECT user_id, month, album_id, plays, ms_played FROM play_month_albums",
					"SELECT p.user_id, rollup_utc_month(p.played_at), t.album_id, count(*)::integer,"
							+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p"
							+ " JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL GROUP BY 1, 2, 3" },
			"user_album_totals",
			new String[] { "SELECT user_id, album_id, plays, ms_played FROM user_album_totals",
					"SELECT p.user_id, t.album_id, count(*)::integer, sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint"
							+ " FROM plays p JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL GROUP BY 1, 2" },
			"play_month_artists",
			new String[] { "SELECT user_id, month, artist_key, plays, ms_played FROM play_month_artists",
					"SELECT p.user_id, rollup_utc_month(p.played_at), k.key, count(*)::integer,"
							+ " sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint FROM plays p"
							+ " LEFT JOIN tracks t ON t.id = p.track_id JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS key"
							+ " FROM track_artists ta JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id"
							+ " GROUP BY 1, 2, 3" },
			"user_artist_totals",
			new String[] { "SELECT user_id, artist_key, plays, ms_played, first_played_at FROM user_artist_totals",
					"SELECT p.user_id, k.key, count(*)::integer, sum(coalesce(p.ms_played, t.duration_ms, 0))::bigint,"
							+ " min(p.played_at) FROM plays p LEFT JOIN tracks t ON t.id = p.track_id"
							+ " JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS key FROM track_artists ta"
							+ " JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id GROUP BY 1, 2" });

	/** Every rollup table. */
	public static final Set<String> TABLES = QUERIES.keySet();

	private RollupChecks() {
	}

	/**
	 * Rows where a rollup and its naive aggregation disagree, either way, for the given
	 * users only (tests share a database).
	 * @return empty when the rollup is exact
	 */
	public static List<Map<String, Object>> mismatches(JdbcTemplate jdbc, String table, int... userIds) {
		String users = IntStream.of(userIds).mapToObj(Integer::toString).collect(Collectors.joining(", "));
		String[] queries = QUERIES.get(table);
		String rollup = "SELECT * FROM (" + queries[0] + ") r WHERE user_id IN (" + users + ")";
		String naive = "SELECT * FROM (" + queries[1] + ") n WHERE user_id IN (" + users + ")";
		return jdbc.queryForList("SELECT '" + table + " says' AS side, * FROM (" + rollup + " EXCEPT " + naive
				+ ") a UNION ALL SELECT 'plays say', * FROM (" + naive + " EXCEPT " + rollup + ") b");
	}

}
