package org.spotifymcp.shared.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.spotifymcp.shared.analytics.Figures.checkLimit;
import static org.spotifymcp.shared.analytics.Figures.minutes;

/** The user's plays whose track, artist or album contains a text, newest first. */
final class PlaySearch {

	private final NamedParameterJdbcTemplate jdbc;

	private final WindowReader reader;

	PlaySearch(NamedParameterJdbcTemplate jdbc, WindowReader reader) {
		this.jdbc = jdbc;
		this.reader = reader;
	}

	/**
	 * Pages through the user's plays whose track, artist or album contains a text.
	 * @param userId the user
	 * @param request the window
	 * @param query at least two characters, case-insensitive
	 * @param offset plays to skip (0-10000)
	 * @param limit page size (1-50)
	 * @return the page, newest first
	 */
	public SearchHistory searchHistory(int userId, WindowRequest request, String query, int offset, int limit) {
		return this.reader.read(() -> {
			String text = (query != null) ? query.trim() : "";
			if (text.length() < 2 || text.length() > 200) {
				throw new HistoryQueryException("query must be 2 to 200 characters");
			}
			if (offset < 0 || offset > 10000) {
				throw new HistoryQueryException("offset must be between 0 and 10000");
			}
			int size = checkLimit(limit);
			PlaySlices slices = this.reader.slices(userId, request);
			HistoryWindow window = slices.window();
			String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			// The catalog matches (trigram indexes), narrowed to the user's tracks in
			// memory.
			Set<Integer> catalogMatches = new HashSet<>(this.jdbc.queryForList(
					"SELECT t.id FROM tracks t WHERE t.name ILIKE :q UNION SELECT t.id FROM tracks t"
							+ " JOIN albums al ON al.id = t.album_id WHERE al.name ILIKE :q UNION SELECT ta.track_id"
							+ " FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE a.name ILIKE :q",
					new MapSqlParameterSource("q", pattern), Integer.class));
			List<Integer> ids = new ArrayList<>();
			WindowCounts counts = this.reader.counts(slices);
			HistoryMemory.Rows played = counts.totals(HistoryMemory.Kind.TRACK_TOTALS);
			for (int i = 0; i < played.size(); i++) {
				if (catalogMatches.contains(played.ids()[i])) {
					ids.add(played.ids()[i]);
				}
			}
			if (ids.isEmpty()) {
				return new SearchHistory(window.info(), text, 0, 0, offset, size, List.of());
			}
			String matched = matchedIds(ids);
			MapSqlParameterSource params = slices.parameters();
			Set<Integer> matches = new HashSet<>(ids);
			IntTally tracks = counts.tracks();
			long total = ids.stream().mapToLong(tracks::plays).sum();
			// Newest plays first: find the latest month from which enough matches follow,
			// so the scan of plays stays short even when matches are rare.
			Instant lower = window.start();
			int firstMonth = PlaySlices.monthIndex(YearMonth.from(window.start().atOffset(java.time.ZoneOffset.UTC)));
			int lastMonth = PlaySlices.monthIndex(YearMonth.from(window.end().atOffset(java.time.ZoneOffset.UTC)));
			// Months are read backwards a quarter at a time: usually the first holds
			// enough,
			// and an all-time search need not bring ten years of months into memory.
			long needed = (long) offset + size;
			long seen = 0;
			for (int to = lastMonth + 1; to > firstMonth && seen < needed; to -= 3) {
				List<HistoryMemory.Rows> months = counts.months(HistoryMemory.Kind.TRACKS, Math.max(firstMonth, to - 3),
						to);
				for (int m = months.size() - 1; m >= 0 && seen < needed; m--) {
					HistoryMemory.Rows month = months.get(m);
					for (int i = 0; i < month.size(); i++) {
						if (matches.contains(month.ids()[i])) {
							seen += month.plays()[i];
						}
					}
					if (seen >= needed) {
						Instant monthStart = YearMonth.of(1970, 1)
							.plusMonths(month.month())
							.atDay(1)
							.atStartOfDay()
							.toInstant(java.time.ZoneOffset.UTC);
						lower = monthStart.isAfter(lower) ? monthStart : lower;
					}
				}
			}
			List<SearchHistory.PlayRow> page = searchPage(params, matched, window, lower, offset, size);
			if (page.size() < size && lower.isAfter(window.start())) {
				page = searchPage(params, matched, window, window.start(), offset, size);
			}
			return new SearchHistory(window.info(), text, ids.size(), total, offset, size, page);
		});
	}

	List<SearchHistory.PlayRow> searchPage(MapSqlParameterSource params, String matched, HistoryWindow window,
			Instant lower, int offset, int limit) {
		MapSqlParameterSource page = new MapSqlParameterSource(params.getValues())
			.addValue("lower", PlaySlices.timestamp(lower))
			.addValue("offset", offset)
			.addValue("limit", limit);
		return this.jdbc
			.query("SELECT p.played_at, coalesce(p.ms_played, t.duration_ms, 0) AS ms, t.name, al.name AS album,"
					+ " t.spotify_id AS track_id, al.spotify_id AS album_id,"
					+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
					+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists FROM"
					+ " (SELECT played_at, track_id, ms_played FROM plays WHERE user_id = :u AND played_at >= :lower"
					+ " AND played_at < :b AND track_id = " + matched + " AND " + CountedPlays.condition("plays")
					+ " ORDER BY played_at DESC, track_id LIMIT :limit OFFSET :offset) p"
					+ " JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id"
					+ " ORDER BY p.played_at DESC, p.track_id", page,
					(rs, row) -> new SearchHistory.PlayRow(
							rs.getObject("played_at", OffsetDateTime.class)
								.atZoneSameInstant(window.zone())
								.toLocalDateTime()
								.toString(),
							rs.getString("name"), rs.getString("artists"), rs.getString("album"),
							minutes(rs.getLong("ms")), rs.getString("track_id"), rs.getString("album_id")));
	}

	/**
	 * Matched track ids, inlined as a constant array: PostgreSQL hashes {@code = ANY}
	 * over a constant, while over a bound parameter every row walks the whole list. The
	 * ids are integers read from the database, so inlining them is safe.
	 */
	static String matchedIds(List<Integer> ids) {
		return "ANY (" + idArray(ids) + ")";
	}

	static String idArray(List<Integer> ids) {
		return "'" + ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")) + "'::integer[]";
	}

}
