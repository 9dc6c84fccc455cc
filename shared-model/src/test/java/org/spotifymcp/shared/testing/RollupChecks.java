package org.spotifymcp.shared.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every history rollup (V3, V8, V13) next to the same figures computed naively from
 * {@code plays}: tests of the triggers, of imports and of analytics compare the two. The
 * play-counting rule is written out here on its own (not through the database's
 * function), so a wrong rule in the rollups shows as a mismatch.
 */
public final class RollupChecks {

	/** The listens of {@code plays p} (tracks {@code t}) that count as plays. */
	private static final String COUNTED = "(p.ms_played IS NULL OR p.ms_played >= r.min_ms"
			+ " OR (p.ms_played > 0 AND t.duration_ms IS NOT NULL AND p.ms_played >= t.duration_ms - r.end_tolerance_ms))";

	private static final String RULE = " CROSS JOIN play_count_rule r ";

	/** Counted plays priced (ms) with the user's id, time, track, source, album. */
	private static final String LISTENS = "(SELECT p.user_id, p.played_at, p.track_id, p.source, t.album_id,"
			+ " coalesce(p.ms_played, t.duration_ms, 0)::bigint AS ms, " + COUNTED + " AS counted FROM plays p"
			+ " LEFT JOIN tracks t ON t.id = p.track_id" + RULE + ")";

	private static final String PLAYS = "(SELECT * FROM " + LISTENS + " l WHERE counted)";

	private static final String ARTIST_KEYS = "(SELECT DISTINCT ta.track_id, lower(a.name) AS key FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id)";

	private static final String MONTH = "((extract(year FROM p.played_at AT TIME ZONE 'UTC') - 1970) * 12"
			+ " + extract(month FROM p.played_at AT TIME ZONE 'UTC') - 1)::integer";

	/** Each rollup table: its rows, and the same rows aggregated from plays. */
	private static final Map<String, String[]> QUERIES = Map.ofEntries(
			Map.entry("play_local_days", new String[] {
					"SELECT user_id, day, source, plays, ms_played FROM play_local_days",
					"SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source,"
							+ " count(*)::integer, sum(p.ms)::bigint FROM " + PLAYS + " p"
							+ " JOIN play_local_day_zones z ON z.user_id = p.user_id GROUP BY 1, 2, 3" }),
			Map.entry("play_hour_totals",
					new String[] { "SELECT user_id, hour, source, plays, ms_played FROM play_hour_totals",
							"SELECT p.user_id, floor(extract(epoch FROM p.played_at) / 3600)::integer, p.source,"
									+ " count(*)::integer, sum(p.ms)::bigint FROM " + PLAYS + " p GROUP BY 1, 2, 3" }),
			Map.entry("play_month_tracks",
					new String[] { "SELECT user_id, month, track_id, plays, ms_played FROM play_month_tracks",
							"SELECT p.user_id, " + MONTH + ", p.track_id, count(*)::integer, sum(p.ms)::bigint FROM "
									+ PLAYS + " p GROUP BY 1, 2, 3" }),
			Map.entry("play_month_skips",
					new String[] { "SELECT user_id, month, track_id, skips, ms_played FROM play_month_skips",
							"SELECT p.user_id, " + MONTH + ", p.track_id, count(*)::integer, sum(p.ms)::bigint FROM "
									+ LISTENS + " p WHERE NOT p.counted GROUP BY 1, 2, 3" }),
			Map.entry("play_month_artist_skips",
					new String[] { "SELECT user_id, month, artist_key, skips, ms_played FROM play_month_artist_skips",
							"SELECT p.user_id, " + MONTH + ", k.key, count(*)::integer, sum(p.ms)::bigint FROM "
									+ LISTENS + " p JOIN " + ARTIST_KEYS
									+ " k ON k.track_id = p.track_id WHERE NOT p.counted" + " GROUP BY 1, 2, 3" }),
			Map.entry("user_track_totals", new String[] {
					"SELECT user_id, track_id, plays, ms_played, first_played_at, last_played_at FROM user_track_totals",
					"SELECT p.user_id, p.track_id, count(*)::integer, sum(p.ms)::bigint, min(p.played_at),"
							+ " max(p.played_at) FROM " + PLAYS + " p GROUP BY 1, 2" }),
			Map.entry("play_month_albums",
					new String[] { "SELECT user_id, month, album_id, plays, ms_played FROM play_month_albums",
							"SELECT p.user_id, " + MONTH + ", p.album_id, count(*)::integer, sum(p.ms)::bigint FROM "
									+ PLAYS + " p WHERE p.album_id IS NOT NULL GROUP BY 1, 2, 3" }),
			Map.entry("user_album_totals",
					new String[] { "SELECT user_id, album_id, plays, ms_played FROM user_album_totals",
							"SELECT p.user_id, p.album_id, count(*)::integer, sum(p.ms)::bigint FROM " + PLAYS
									+ " p WHERE p.album_id IS NOT NULL GROUP BY 1, 2" }),
			Map.entry("play_month_artists",
					new String[] { "SELECT user_id, month, artist_key, plays, ms_played FROM play_month_artists",
							"SELECT p.user_id, " + MONTH + ", k.key, count(*)::integer, sum(p.ms)::bigint FROM " + PLAYS
									+ " p JOIN " + ARTIST_KEYS + " k ON k.track_id = p.track_id GROUP BY 1, 2, 3" }),
			Map.entry("user_artist_totals",
					new String[] {
							"SELECT user_id, artist_key, plays, ms_played, first_played_at FROM user_artist_totals",
							"SELECT p.user_id, k.key, count(*)::integer, sum(p.ms)::bigint, min(p.played_at) FROM "
									+ PLAYS + " p JOIN " + ARTIST_KEYS
									+ " k ON k.track_id = p.track_id GROUP BY 1, 2" }));

	/**
	 * What a writer of plays does after writing them (apply_plays_to_rollups), for tests
	 * that insert or delete plays with SQL of their own: every month of the users' plays.
	 */
	public static void apply(JdbcTemplate jdbc, int... userIds) {
		for (int userId : userIds) {
			jdbc.queryForList("SELECT apply_plays_to_rollups(?, '1970-01-01T00:00:00Z', '2099-12-31T00:00:00Z')",
					userId);
		}
	}

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
