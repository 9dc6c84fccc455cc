package org.spotifymcp.shared.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * How a window is read: whole UTC months from the rollups plus signed ranges of raw plays
 * at the edges ({@link #split()}), or the all-time totals when the window holds every
 * play; per-local-hour rows from {@code play_hour_totals} when the zone's offsets are
 * whole hours in the window, else from raw plays; local days from {@code play_local_days}
 * when it is kept in the window's zone. Raw plays are read under the play-counting rule
 * ({@link CountedPlays}), as the rollups count them.
 */
final class PlaySlices {

	private static final YearMonth EPOCH_MONTH = YearMonth.of(1970, 1);

	private final int userId;

	private final HistoryWindow window;

	private final boolean coversAllPlays;

	/**
	 * No play of the user lies after the window: the month holding the window's end can
	 * be read whole from the rollups (the usual case, windows that end today).
	 */
	private final boolean endsAfterLastPlay;

	/** {@code play_local_days} counts days in this window's zone. */
	private final boolean localDays;

	/** The user's rollup revisions per month in this snapshot ({@link HistoryMemory}). */
	private final Map<Integer, Long> revisions;

	PlaySlices(int userId, HistoryWindow window, boolean coversAllPlays, boolean endsAfterLastPlay, String localDayZone,
			Map<Integer, Long> revisions) {
		this.revisions = revisions;
		this.userId = userId;
		this.window = window;
		this.coversAllPlays = coversAllPlays;
		this.endsAfterLastPlay = endsAfterLastPlay;
		this.localDays = window.zone().getId().equals(localDayZone);
	}

	int userId() {
		return this.userId;
	}

	/**
	 * A query of rows {@code (d, source, plays, ms)} per local day of the window, from
	 * the rollup kept in the user's own zone.
	 * @param params receives the query's parameters
	 * @return the query, or null when that rollup is not in the window's zone
	 */
	String localDays(MapSqlParameterSource params) {
		if (!this.localDays) {
			return null;
		}
		params.addValue("d1", (int) this.window.startDate().toEpochDay())
			.addValue("d2", (int) this.window.endDate().toEpochDay());
		return "SELECT day AS d, source, plays, ms_played AS ms FROM play_local_days WHERE user_id = :u"
				+ " AND day >= :d1 AND day <= :d2";
	}

	Map<Integer, Long> revisions() {
		return this.revisions;
	}

	boolean coversAllPlays() {
		return this.coversAllPlays;
	}

	HistoryWindow window() {
		return this.window;
	}

	MapSqlParameterSource parameters() {
		return new MapSqlParameterSource("u", this.userId).addValue("a", timestamp(this.window.start()))
			.addValue("b", timestamp(this.window.end()));
	}

	/** Instants {@code [from, to)} whose plays count with a sign (+1 or -1). */
	record Range(Instant from, Instant to, int sign) {

		boolean isEmpty() {
			return !this.from.isBefore(this.to);
		}

	}

	/**
	 * The window as whole UTC months read from the rollups plus signed ranges of raw
	 * plays at the edges.
	 *
	 * @param fromMonth first whole month (months since 1970-01)
	 * @param toMonth month after the last whole one
	 * @param edges the ranges to add or subtract, none empty
	 */
	record Split(int fromMonth, int toMonth, List<Range> edges) {

	}

	/**
	 * Splits the window into whole UTC months, read from the rollups, and raw plays for
	 * the partial months at either edge (exact for every time zone). An edge month that
	 * the window covers mostly is read whole from the rollups minus the raw plays of the
	 * part outside the window, so at most half a month of plays is read at each edge.
	 * @return the split
	 */
	Split split() {
		Instant start = this.window.start();
		Instant end = this.window.end();
		YearMonth first = YearMonth.from(start.atOffset(ZoneOffset.UTC));
		YearMonth last = YearMonth.from(end.atOffset(ZoneOffset.UTC));
		List<Range> edges = new ArrayList<>();
		YearMonth from;
		YearMonth to;
		if (first.equals(last)) {
			// Within one month: its raw plays.
			from = first;
			to = first;
			edges.add(new Range(start, end, 1));
		}
		else {
			from = first;
			if (begin(first).isBefore(start)) {
				boolean mostlyInside = Duration.between(begin(first), start)
					.compareTo(Duration.between(start, begin(first.plusMonths(1)))) < 0;
				if (mostlyInside) {
					edges.add(new Range(begin(first), start, -1));
				}
				else {
					from = first.plusMonths(1);
					edges.add(new Range(start, begin(from), 1));
				}
			}
			to = last;
			if (begin(last).isBefore(end)) {
				boolean mostlyInside = Duration.between(end, begin(last.plusMonths(1)))
					.compareTo(Duration.between(begin(last), end)) < 0;
				if (this.endsAfterLastPlay || mostlyInside) {
					// Nothing was played after the window, or little of the month lies
					// after it.
					to = last.plusMonths(1);
					if (!this.endsAfterLastPlay) {
						edges.add(new Range(end, begin(to), -1));
					}
				}
				else {
					edges.add(new Range(begin(last), end, 1));
				}
			}
		}
		edges.removeIf(Range::isEmpty);
		return new Split(monthIndex(from), monthIndex(to), edges);
	}

	private static Instant begin(YearMonth month) {
		return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	/**
	 * The raw plays of some ranges per track: {@code (track_id, plays, ms)} with the
	 * plays of subtracted ranges counted negative; parenthesized. Grouped by track before
	 * the catalog is read for the durations of plays without {@code ms_played}, so it
	 * costs one lookup per track that has such plays, not per play.
	 * @param ranges the ranges, at least one
	 * @param params receives the ranges' parameters
	 * @return the subquery
	 */
	String rawPlays(List<Range> ranges, MapSqlParameterSource params) {
		params.addValue("u", this.userId);
		List<String> branches = new ArrayList<>();
		for (int i = 0; i < ranges.size(); i++) {
			Range range = ranges.get(i);
			params.addValue("from" + i, timestamp(range.from())).addValue("to" + i, timestamp(range.to()));
			branches.add("SELECT track_id, ms_played, " + range.sign() + " AS sign FROM plays WHERE user_id = :u"
					+ " AND played_at >= :from" + i + " AND played_at < :to" + i + " AND "
					+ CountedPlays.condition("plays"));
		}
		return "(SELECT r.track_id, r.plays::integer AS plays, (r.ms + CASE WHEN r.unknown = 0 THEN 0 ELSE r.unknown"
				+ " * coalesce((SELECT t.duration_ms FROM tracks t WHERE t.id = r.track_id), 0) END)::bigint AS ms"
				+ " FROM (SELECT track_id, sum(sign) AS plays, coalesce(sum(sign * ms_played), 0) AS ms,"
				+ " coalesce(sum(sign) FILTER (WHERE ms_played IS NULL), 0) AS unknown FROM ("
				+ String.join(" UNION ALL ", branches) + ") p GROUP BY track_id) r)";
	}

	/**
	 * Rows {@code (k, plays, ms)} per track of the skipped listens (not counted as plays)
	 * of some ranges, signed.
	 */
	String skipEdges(List<Range> ranges, MapSqlParameterSource params) {
		params.addValue("u", this.userId);
		List<String> branches = new ArrayList<>();
		for (int i = 0; i < ranges.size(); i++) {
			Range range = ranges.get(i);
			params.addValue("from" + i, timestamp(range.from())).addValue("to" + i, timestamp(range.to()));
			branches.add("SELECT track_id, ms_played, " + range.sign() + " AS sign FROM plays WHERE user_id = :u"
					+ " AND played_at >= :from" + i + " AND played_at < :to" + i + " AND NOT "
					+ CountedPlays.condition("plays"));
		}
		// a skipped listen always has ms_played: one without counts
		return "SELECT track_id AS k, sum(sign) AS plays, sum(sign * ms_played) AS ms FROM ("
				+ String.join(" UNION ALL ", branches) + ") p GROUP BY track_id";
	}

	/**
	 * Rows {@code (k, plays, ms)} per artist key of the skipped listens of some ranges,
	 * signed.
	 */
	String artistSkipEdges(List<Range> ranges, MapSqlParameterSource params) {
		return "SELECT k.artist_key AS k, sum(e.plays) AS plays, sum(e.ms) AS ms FROM (" + skipEdges(ranges, params)
				+ ") e CROSS JOIN LATERAL (SELECT DISTINCT lower(a.name) AS artist_key FROM track_artists ta"
				+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = e.k) k GROUP BY k.artist_key";
	}

	/** Rows {@code (k, plays, ms)} per track of raw plays, signed. */
	String trackEdges(List<Range> ranges, MapSqlParameterSource params) {
		return "SELECT track_id AS k, plays, ms FROM " + rawPlays(ranges, params) + " e";
	}

	/** Rows {@code (k, plays, ms)} per artist key of raw plays, signed. */
	String artistEdges(List<Range> ranges, MapSqlParameterSource params) {
		return "SELECT k.artist_key AS k, sum(e.plays) AS plays, sum(e.ms) AS ms FROM " + rawPlays(ranges, params)
				+ " e CROSS JOIN LATERAL (SELECT DISTINCT lower(a.name) AS artist_key FROM track_artists ta"
				+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = e.track_id) k GROUP BY k.artist_key";
	}

	/** Rows {@code (k, plays, ms)} per album of raw plays, signed. */
	String albumEdges(List<Range> ranges, MapSqlParameterSource params) {
		return "SELECT t.album_id AS k, sum(e.plays) AS plays, sum(e.ms) AS ms FROM " + rawPlays(ranges, params)
				+ " e JOIN tracks t ON t.id = e.track_id WHERE t.album_id IS NOT NULL GROUP BY t.album_id";
	}

	/**
	 * A subquery of rows {@code (lh, plays, ms, source)} where {@code lh} counts local
	 * hours since the local epoch, so {@code lh / 24} is the local epoch day.
	 * @param params receives the subquery's parameters
	 * @return the subquery text (parenthesized, no alias)
	 */
	String localHours(MapSqlParameterSource params) {
		List<long[]> segments = offsetSegments();
		if (segments == null) {
			params.addValue("tz", this.window.zone().getId());
			return "(SELECT floor(extract(epoch FROM (p.played_at AT TIME ZONE :tz)) / 3600)::integer AS lh, 1 AS plays,"
					+ " coalesce(p.ms_played, t.duration_ms, 0)::bigint AS ms, p.source FROM plays p"
					+ " LEFT JOIN tracks t ON t.id = p.track_id WHERE p.user_id = :u AND p.played_at >= :a"
					+ " AND p.played_at < :b AND " + CountedPlays.condition("p") + ")";
		}
		// The offsets are a handful of literal integers: a CASE over them costs far less
		// per
		// row than looking them up in an array parameter.
		StringBuilder offset = new StringBuilder();
		for (int i = segments.size() - 1; i > 0; i--) {
			offset.append((offset.length() == 0) ? "CASE" : "")
				.append(" WHEN h.hour >= ")
				.append(segments.get(i)[0])
				.append(" THEN ")
				.append(segments.get(i)[1]);
		}
		offset.append((offset.length() == 0) ? "" : " ELSE ").append(segments.get(0)[1]);
		offset.append((segments.size() > 1) ? " END" : "");
		params.addValue("h1", (int) (this.window.start().getEpochSecond() / 3600))
			.addValue("h2", (int) (this.window.end().getEpochSecond() / 3600));
		return "(SELECT h.hour + " + offset + " AS lh, h.plays, h.ms_played AS ms, h.source FROM play_hour_totals h"
				+ " WHERE h.user_id = :u AND h.hour >= :h1 AND h.hour < :h2)";
	}

	/**
	 * Splits the window where the zone's offset changes.
	 * @return {start hour, offset hours} pairs, or null when an offset or a transition is
	 * not on a whole hour (then only raw plays give exact local hours)
	 */
	List<long[]> offsetSegments() {
		ZoneRules rules = this.window.zone().getRules();
		Instant start = this.window.start();
		Instant end = this.window.end();
		if (start.getEpochSecond() % 3600 != 0 || end.getEpochSecond() % 3600 != 0) {
			return null;
		}
		List<long[]> segments = new ArrayList<>();
		int offset = rules.getOffset(start).getTotalSeconds();
		if (offset % 3600 != 0) {
			return null;
		}
		segments.add(new long[] { start.getEpochSecond() / 3600, offset / 3600 });
		ZoneOffsetTransition transition = rules.nextTransition(start);
		while (transition != null && transition.getInstant().isBefore(end)) {
			long at = transition.getInstant().getEpochSecond();
			int after = transition.getOffsetAfter().getTotalSeconds();
			if (at % 3600 != 0 || after % 3600 != 0) {
				return null;
			}
			segments.add(new long[] { at / 3600, after / 3600 });
			transition = rules.nextTransition(transition.getInstant());
		}
		return segments;
	}

	static int monthIndex(YearMonth month) {
		return (int) EPOCH_MONTH.until(month, java.time.temporal.ChronoUnit.MONTHS);
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
