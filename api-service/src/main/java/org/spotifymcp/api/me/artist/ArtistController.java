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
 * merge them): plays per month, first and last play, and the most played tracks.
 */
@Controller
class ArtistController {

	// The artist's tracks first, then the listener's plays of those tracks through the
	// plays primary key (user_id, played_at, track_id).
	private static final String PLAYS = "WITH tracks_of AS (SELECT DISTINCT ta.track_id FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id WHERE a.name = :name),"
			+ " mine AS (SELECT p.played_at, p.track_id, p.ms_played FROM plays p"
			+ " WHERE p.user_id = :user AND p.track_id IN (SELECT track_id FROM tracks_of))";

	private final NamedParameterJdbcTemplate jdbc;

	private final ChartConfigs charts;

	ArtistController(NamedParameterJdbcTemplate jdbc, ChartConfigs charts) {
		this.jdbc = jdbc;
		this.charts = charts;
	}

	@GetMapping("/me/artist")
	String artist(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String name,
			Model model) {
		MapSqlParameterSource params = new MapSqlParameterSource("name", name).addValue("user", listener.userId())
			.addValue("zone", listener.timeZone());
		Map<String, Object> totals = this.jdbc.queryForMap(PLAYS + " SELECT count(*) AS plays,"
				+ " (coalesce(sum(ms_played), 0) / 60000.0)::float8 AS minutes, min(played_at) AS first, max(played_at) AS last"
				+ " FROM mine", params);
		List<Map<String, Object>> months = this.jdbc.queryForList(PLAYS + " SELECT to_char(played_at AT TIME ZONE"
				+ " :zone, 'YYYY-MM') AS month, count(*) AS plays FROM mine GROUP BY 1 ORDER BY 1", params);
		List<Map<String, Object>> tracks = this.jdbc.queryForList(PLAYS + " SELECT t.name, count(*) AS plays,"
				+ " max(m.played_at) AS last FROM mine m JOIN tracks t ON t.id = m.track_id GROUP BY t.id, t.name"
				+ " ORDER BY plays DESC, t.name LIMIT 10", params);
		model.addAttribute("name", name);
		model.addAttribute("totals", totals);
		model.addAttribute("tracks", tracks);
		model.addAttribute("monthsChart",
				this.charts.line("Plays per month", months.stream().map((m) -> (String) m.get("month")).toList(),
						months.stream().map((m) -> (Number) m.get("plays")).toList()));
		return "me/artist";
	}

}
