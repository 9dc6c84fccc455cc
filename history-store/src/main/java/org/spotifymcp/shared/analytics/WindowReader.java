package org.spotifymcp.shared.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.spotifymcp.shared.analytics.Figures.instant;

/**
 * Reads a window for the tool families: resolves it for its user (zone, first and last
 * play, the revisions of the cached months) and runs each tool's queries in one
 * repeatable-read snapshot.
 */
final class WindowReader {

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final HistoryMemory memory;

	WindowReader(NamedParameterJdbcTemplate jdbc, Clock clock, TransactionTemplate transactions, HistoryMemory memory) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
		this.memory = memory;
	}

	// ---------------------------------------------------------------- building blocks

	/**
	 * Runs a tool's queries in one repeatable-read transaction, so the cached months'
	 * revisions, the rollups and the raw edges are read in one snapshot; planned for
	 * their actual parameters: once a prepared statement has run five times PostgreSQL
	 * may switch to a generic plan, which cannot know how many months a window spans.
	 */
	<T> T read(java.util.function.Supplier<T> work) {
		return this.transactions.execute((status) -> {
			this.jdbc.getJdbcOperations()
				.execute(
						"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SET LOCAL plan_cache_mode = force_custom_plan");
			return work.get();
		});
	}

	WindowCounts counts(int userId, WindowRequest request) {
		return counts(slices(userId, request));
	}

	PlaySlices slices(int userId, WindowRequest request) {
		return slices(user(userId), request);
	}

	/**
	 * What a window needs to know of its user, read in one statement: zone, first and
	 * last play, the zone of the local-day rollup, and the revisions of the cached
	 * rollups ({@link HistoryMemory}) in this snapshot.
	 */
	record UserState(int id, String timeZone, Instant first, Instant last, String dayZone,
			Map<Integer, Long> revisions) {

	}

	UserState user(int userId) {
		List<UserState> rows = this.jdbc.query(
				"SELECT u.time_zone," + " (SELECT min(played_at) FROM plays WHERE user_id = u.id) AS first,"
						+ " (SELECT max(played_at) FROM plays WHERE user_id = u.id) AS last,"
						+ " (SELECT time_zone FROM play_local_day_zones WHERE user_id = u.id) AS day_zone,"
						+ " r.months, r.revisions,"
						+ " (SELECT revision FROM catalog_revisions WHERE name = 'artist_genres') AS genres_revision"
						+ " FROM users u CROSS JOIN LATERAL (SELECT coalesce(array_agg(month), '{}') AS months,"
						+ " coalesce(array_agg(revision), '{}') AS revisions FROM history_revisions"
						+ " WHERE user_id = u.id) r WHERE u.id = :u",
				new MapSqlParameterSource("u", userId), (rs, row) -> {
					Map<Integer, Long> revisions = new HashMap<>();
					Integer[] months = (Integer[]) rs.getArray("months").getArray();
					Long[] values = (Long[]) rs.getArray("revisions").getArray();
					long newest = -1;
					for (int i = 0; i < months.length; i++) {
						revisions.put(months[i], values[i]);
						newest = Math.max(newest, values[i]);
					}
					if (newest >= 0) {
						// The all-time totals change only with some month's rollups
						// (V10).
						revisions.put(HistoryMemory.TOTALS, newest);
					}
					long genres = rs.getLong("genres_revision");
					if (!rs.wasNull()) {
						revisions.put(HistoryMemory.GENRES, genres);
					}
					return new UserState(userId, rs.getString("time_zone"), instant(rs, "first"), instant(rs, "last"),
							rs.getString("day_zone"), revisions);
				});
		if (rows.isEmpty()) {
			throw new HistoryQueryException("unknown user_id " + userId);
		}
		return rows.get(0);
	}

	PlaySlices slices(UserState user, WindowRequest request) {
		HistoryWindow window = HistoryWindow.resolve(request, user.timeZone(), this.clock.instant(), user.first());
		boolean coversAll = user.first() != null && !window.start().isAfter(user.first())
				&& window.end().isAfter(user.last());
		return new PlaySlices(user.id(), window, coversAll, user.last() == null || window.end().isAfter(user.last()),
				user.dayZone(), user.revisions());
	}

	WindowCounts counts(PlaySlices slices) {
		return new WindowCounts(this.jdbc, this.memory, slices);
	}

	NamedParameterJdbcTemplate jdbc() {
		return this.jdbc;
	}

}
