package org.spotifymcp.api.me.artist;

import java.util.List;
import java.util.Map;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.api.me.web.ChartConfigs;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One artist in the listener's history (artists are merged by name, as the analytics
 * merge them): plays per month (UTC months), first and last play, and the most played
 * tracks.
 */
@Controller
class ArtistController {

	// The artist's tracks, then the listener's history rollups of those tracks (the
	// per-track totals and UTC months the analytics keep), never the plays themselves.
	private static final String TRACKS_OF = "WITH tracks_of AS (SELECT DISTINCT ta.track_id FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id WHERE a.name = :name)";

	private final NamedParameterJdbcTemplate jdbc;

	private final ChartConfigs charts;

	ArtistController(NamedParameterJdbcTemplate jdbc, ChartConfigs charts) {
		this.jdbc = jdbc;
		this.charts = charts;
	}

	@GetMapping("/me/artist")
	String artist(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String name,
			Model model) {
		MapSqlParameterSource params = new MapSqlParameterSource("name", name).addValue("user", listener.userId());
		Map<String, Object> totals = this.jdbc.queryForMap(TRACKS_OF + " SELECT coalesce(sum(u.plays), 0) AS plays,"
				+ " (coalesce(sum(u.ms_played), 0) / 60000.0)::float8 AS minutes, min(u.first_played_at) AS first,"
				+ " max(u.last_played_at) AS last FROM user_track_totals u"
				+ " WHERE u.user_id = :user AND u.track_id IN (SELECT track_id FROM tracks_of)", params);
		List<Map<String, Object>> months = this.jdbc.queryForList(TRACKS_OF + " SELECT to_char(date '1970-01-01'"
				+ " + make_interval(months => m.month), 'YYYY-MM') AS month, sum(m.plays) AS plays"
				+ " FROM play_month_tracks m WHERE m.user_id = :user AND m.track_id IN (SELECT track_id FROM tracks_of)"
				+ " GROUP BY m.month ORDER BY m.month", params);
		List<Map<String, Object>> tracks = this.jdbc.queryForList(TRACKS_OF + " SELECT t.name, u.plays,"
				+ " u.last_played_at AS last FROM user_track_totals u JOIN tracks t ON t.id = u.track_id"
				+ " WHERE u.user_id = :user AND u.track_id IN (SELECT track_id FROM tracks_of)"
				+ " ORDER BY u.plays DESC, t.name LIMIT 10", params);
		model.addAttribute("name", name);
		model.addAttribute("totals", totals);
		model.addAttribute("tracks", tracks);
		model.addAttribute("monthsChart",
				this.charts.line("Plays per month", months.stream().map((m) -> (String) m.get("month")).toList(),
						months.stream().map((m) -> (Number) m.get("plays")).toList()));
		return "me/artist";
	}

}
