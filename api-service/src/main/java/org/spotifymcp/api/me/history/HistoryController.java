package org.spotifymcp.api.me.history;

import java.time.ZoneId;
import java.util.List;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.HistoryQueryException;
import org.spotifymcp.shared.analytics.SearchHistory;
import org.spotifymcp.shared.analytics.WindowRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Recently played, newest first, and text search over the listener's own plays (the MCP
 * {@code search_history} data), 50 a page.
 */
@Controller
class HistoryController {

	static final int PAGE = 50;

	// Newest first through the primary key (user_id, played_at, ...): one index range
	// scan.
	private static final String RECENT = "SELECT p.played_at, t.name AS track, al.name AS album, p.ms_played,"
			+ " t.spotify_id AS track_id, al.spotify_id AS album_id,"
			+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists"
			+ " FROM plays p JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id"
			+ " WHERE p.user_id = ? ORDER BY p.played_at DESC, p.track_id LIMIT ? OFFSET ?";

	private final HistoryAnalytics analytics;

	private final JdbcTemplate jdbc;

	HistoryController(HistoryAnalytics analytics, JdbcTemplate jdbc) {
		this.analytics = analytics;
		this.jdbc = jdbc;
	}

	@GetMapping("/me/history")
	String history(@AuthenticationPrincipal Listener listener, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, Math.min(page, 10000 / PAGE));
		String query = (q != null) ? q.trim() : "";
		model.addAttribute("q", query);
		model.addAttribute("page", current);
		List<SearchHistory.PlayRow> rows;
		boolean more;
		if (query.isEmpty()) {
			rows = recent(listener, current);
			more = rows.size() > PAGE;
			rows = more ? rows.subList(0, PAGE) : rows;
		}
		else {
			try {
				SearchHistory found = this.analytics.searchHistory(listener.userId(),
						WindowRequest.allTime(listener.timeZone()), query, current * PAGE, PAGE);
				rows = found.plays();
				more = (long) (current + 1) * PAGE < found.total();
				model.addAttribute("total", found.total());
			}
			catch (HistoryQueryException ex) {
				model.addAttribute("problem", ex.getMessage());
				rows = List.of();
				more = false;
			}
		}
		model.addAttribute("rows", rows);
		model.addAttribute("more", more);
		return "me/history";
	}

	private List<SearchHistory.PlayRow> recent(Listener listener, int page) {
		ZoneId zone = ZoneId.of(listener.timeZone());
		return this.jdbc.query(RECENT,
				(rs, i) -> new SearchHistory.PlayRow(
						rs.getTimestamp("played_at").toInstant().atZone(zone).toLocalDateTime().toString(),
						rs.getString("track"), rs.getString("artists"), rs.getString("album"),
						Math.round(rs.getInt("ms_played") / 600.0) / 100.0, rs.getString("track_id"),
						rs.getString("album_id")),
				listener.userId(), PAGE + 1, page * PAGE);
	}

}
