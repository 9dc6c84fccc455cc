package org.spotifymcp.shared.rollups;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes users' rollups from {@code plays} ({@code rebuild_rollups} of
 * {@code R__rollups.sql}) and says which rollups had differed.
 */
public class RollupRebuild {

	private final JdbcTemplate jdbc;

	public RollupRebuild(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Rebuilds one user's rollups, in one transaction of its own when called outside one.
	 * @param userId the user
	 * @return every rollup with the rows that differed (0 when it was exact)
	 */
	public List<Difference> rebuild(int userId) {
		return this.jdbc.query("SELECT rollup, differences FROM rebuild_rollups(?)",
				(rs, row) -> new Difference(userId, rs.getString("rollup"), rs.getLong("differences")), userId);
	}

	/**
	 * Rebuilds every user's rollups, one user after another.
	 * @return the rollups that differed, of every user
	 */
	public List<Difference> rebuildAll() {
		List<Difference> found = new ArrayList<>();
		for (Integer userId : this.jdbc.queryForList("SELECT id FROM users ORDER BY id", Integer.class)) {
			rebuild(userId).stream().filter((difference) -> difference.rows() > 0).forEach(found::add);
		}
		return found;
	}

	/**
	 * Rows of one user's rollup that differed from plays.
	 *
	 * @param userId the user
	 * @param rollup the rollup table
	 * @param rows rows that were wrong or missing
	 */
	public record Difference(int userId, String rollup, long rows) {

	}

}
