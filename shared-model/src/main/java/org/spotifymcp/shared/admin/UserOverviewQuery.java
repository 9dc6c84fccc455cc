package org.spotifymcp.shared.admin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads users together with their token and checkpoint state and play counts, for the
 * admin user lists, sync status and user pages.
 */
public class UserOverviewQuery {

	// Play counts walk the plays primary key, which starts with user_id, so each user
	// costs one index range scan; only listens counted as plays (the play-counting rule)
	// are counted.
	private static final String SELECT = """
			select u.id, u.display_name, u.spotify_user_id, u.time_zone, u.created_at,
			       coalesce(t.status, 'none') as token_status, coalesce(c.status, 'none') as sync_status,
			       c.last_poll_at, c.last_played_at, c.next_poll_at, coalesce(c.consecutive_failures, 0) as failures,
			       c.last_error, (select count(*) from plays p where p.user_id = u.id and %s) as plays,
			       t.consented_at, t.reconnect_by, a.id as app_id, a.label as app_label
			from users u
			left join spotify_tokens t on t.user_id = u.id
			left join sync_checkpoints c on c.user_id = u.id
			left join spotify_apps a on a.id = u.spotify_app_id
			""".formatted(CountedPlays.condition("p"));

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public UserOverviewQuery(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public PageOf<UserOverview> page(PageRequest page) {
		return page(page, UserListing.ALL);
	}

	/**
	 * A page of users, ordered and narrowed as asked.
	 * @param page which page
	 * @param listing the order and the "reconnect due within" filter
	 * @return the page
	 */
	public PageOf<UserOverview> page(PageRequest page, UserListing listing) {
		String where = "";
		List<Object> args = new ArrayList<>();
		if (listing.reconnectDueWithinDays() != null) {
			where = " where t.reconnect_by <= ?";
			args.add(Timestamp.from(this.clock.instant().plus(Duration.ofDays(listing.reconnectDueWithinDays()))));
		}
		String order = (listing.sort() == UserListing.Sort.RECONNECT_BY) ? " order by t.reconnect_by nulls last, u.id"
				: " order by u.id";
		Long total = this.jdbc.queryForObject(
				"select count(*) from users u left join spotify_tokens t on t.user_id = u.id" + where, Long.class,
				args.toArray());
		args.add(page.size());
		args.add(page.offset());
		List<UserOverview> items = this.jdbc.query(SELECT + where + order + " limit ? offset ?",
				UserOverviewQuery::overview, args.toArray());
		return new PageOf<>(items, page.page(), page.size(), (total != null) ? total : 0);
	}

	public List<UserOverview> all() {
		return this.jdbc.query(SELECT + " order by u.id", UserOverviewQuery::overview);
	}

	public Optional<UserOverview> find(int userId) {
		return this.jdbc.query(SELECT + " where u.id = ?", UserOverviewQuery::overview, userId).stream().findFirst();
	}

	/**
	 * Names for the user ids a table shows, so it can say who rather than which number.
	 * @param userIds the ids (nulls and unknown ids are skipped)
	 * @return label by id, for the ids that exist
	 */
	public Map<Integer, String> labels(Collection<Integer> userIds) {
		Integer[] ids = userIds.stream().filter(Objects::nonNull).distinct().toArray(Integer[]::new);
		Map<Integer, String> labels = new HashMap<>();
		if (ids.length == 0) {
			return labels;
		}
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection
				.prepareStatement("select id, display_name, spotify_user_id from users where id = any(?)");
			statement.setArray(1, connection.createArrayOf("integer", ids));
			return statement;
		}, (RowCallbackHandler) (rs) -> {
			int id = rs.getInt("id");
			labels.put(id, UserOverview.label(id, rs.getString("display_name"), rs.getString("spotify_user_id")));
		});
		return labels;
	}

	/**
	 * Counts around one user for the detail views.
	 * @param userId the user
	 * @return the counts and the play range
	 */
	public UserCounts counts(int userId) {
		return this.jdbc.queryForObject("""
				select (select min(played_at) from plays where user_id = ?) as first_played,
				       (select max(played_at) from plays where user_id = ?) as last_played,
				       (select count(*) from import_jobs where user_id = ?) as imports,
				       (select count(*) from job_runs where user_id = ?) as job_runs,
				       (select count(*) from mcp_tokens where user_id = ? and revoked_at is null) as mcp_tokens,
				       (select count(*) from coverage_gaps where user_id = ?) as gaps,
				       (select coalesce(sum(skips), 0) from play_month_skips where user_id = ?) as skipped
				""",
				(rs, row) -> new UserCounts(instant(rs, "first_played"), instant(rs, "last_played"),
						rs.getLong("imports"), rs.getLong("job_runs"), rs.getLong("mcp_tokens"), rs.getLong("gaps"),
						rs.getLong("skipped")),
				userId, userId, userId, userId, userId, userId, userId);
	}

	private static UserOverview overview(ResultSet rs, int row) throws SQLException {
		return new UserOverview(rs.getInt("id"), rs.getString("display_name"), rs.getString("spotify_user_id"),
				rs.getString("time_zone"), instant(rs, "created_at"), rs.getString("token_status"),
				rs.getString("sync_status"), instant(rs, "last_poll_at"), instant(rs, "last_played_at"),
				instant(rs, "next_poll_at"), rs.getInt("failures"), rs.getString("last_error"), rs.getLong("plays"),
				instant(rs, "consented_at"), instant(rs, "reconnect_by"), (Integer) rs.getObject("app_id"),
				rs.getString("app_label"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * What is stored around one user.
	 *
	 * @param firstPlayedAt the oldest play
	 * @param lastPlayedAt the newest play
	 * @param importJobs import jobs of any state
	 * @param jobRuns collector job runs
	 * @param activeMcpTokens MCP tokens not revoked
	 * @param coverageGaps windows with possibly missing plays
	 * @param skippedListens stored listens not counted as plays (too short)
	 */
	public record UserCounts(Instant firstPlayedAt, Instant lastPlayedAt, long importJobs, long jobRuns,
			long activeMcpTokens, long coverageGaps, long skippedListens) {

	}

}
