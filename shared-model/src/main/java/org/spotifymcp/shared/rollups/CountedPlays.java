package org.spotifymcp.shared.rollups;

/**
 * The play-counting rule as a SQL condition over a row of {@code plays}, for queries that
 * read raw plays next to the rollups (window edges, search, admin counts). It calls
 * {@code is_counted_play} of {@code R__rollups.sql} with the rule's row, and reads a
 * track's duration only for listens shorter than the threshold.
 */
public final class CountedPlays {

	private CountedPlays() {
	}

	/**
	 * @param alias the alias (or table name) of the {@code plays} row
	 * @return a boolean SQL expression, true when the listen counts as a play
	 */
	public static String condition(String alias) {
		String ms = alias + ".ms_played";
		return "is_counted_play(" + ms + ", CASE WHEN " + ms + " < (SELECT min_ms FROM play_count_rule)"
				+ " THEN (SELECT d.duration_ms FROM tracks d WHERE d.id = " + alias + ".track_id) END,"
				+ " (SELECT min_ms FROM play_count_rule), (SELECT end_tolerance_ms FROM play_count_rule))";
	}

}
