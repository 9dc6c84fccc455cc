package org.spotifymcp.frontend.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.HistoryQueryException;
import org.spotifymcp.shared.analytics.ListeningHeatmap;
import org.spotifymcp.shared.analytics.ListeningTimeline;
import org.spotifymcp.shared.analytics.ShadedHeatmap;
import org.spotifymcp.shared.analytics.TopAlbums;
import org.spotifymcp.shared.analytics.TopArtists;
import org.spotifymcp.shared.analytics.TopTracks;
import org.spotifymcp.shared.analytics.WindowRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The user page's charts, from the shared history analytics (the same queries the MCP
 * tools answer with). Each chart's Chart.js configuration travels as JSON in a data
 * attribute, read by a static script, so the page needs no inline script; the tables next
 * to the charts carry the same numbers for browsers without JavaScript.
 */
@Component
class UserAnalytics {

	private static final int TOP = 10;

	private final HistoryAnalytics analytics;

	private final JsonMapper json;

	UserAnalytics(HistoryAnalytics analytics, JsonMapper json) {
		this.analytics = analytics;
		this.json = json;
	}

	/**
	 * The charts for a window of the user's history.
	 * @param userId the user
	 * @param timeZone the user's zone, for hours and days
	 * @param days window length; 0 for all time
	 * @return the charts, or an empty view when the window cannot be read
	 */
	View forUser(int userId, String timeZone, int days) {
		WindowRequest window = (days <= 0) ? WindowRequest.allTime(timeZone)
				: WindowRequest.lastDays(Math.min(days, WindowRequest.MAX_DAYS)).withTimeZone(timeZone);
		try {
			TopArtists artists = this.analytics.topArtists(userId, window, TOP);
			TopTracks tracks = this.analytics.topTracks(userId, window, TOP);
			TopAlbums albums = this.analytics.topAlbums(userId, window, TOP);
			ListeningHeatmap heatmap = this.analytics.heatmap(userId, window);
			ListeningTimeline timeline = this.analytics.timeline(userId, window, null);
			return new View(artists.totalPlays(), artists, tracks, albums, ShadedHeatmap.of(heatmap).rows(), timeline,
					barChart("Plays", artists.artists().stream().map((a) -> a.name()).toList(),
							artists.artists().stream().map((a) -> a.plays()).toList()),
					barChart("Plays", tracks.tracks().stream().map((t) -> t.name() + " — " + t.artists()).toList(),
							tracks.tracks().stream().map((t) -> t.plays()).toList()),
					barChart("Plays", albums.albums().stream().map((a) -> a.name()).toList(),
							albums.albums().stream().map((a) -> a.plays()).toList()),
					timelineChart(timeline), null);
		}
		catch (HistoryQueryException ex) {
			return new View(0, null, null, null, List.of(), null, null, null, null, null, ex.getMessage());
		}
	}

	private String barChart(String label, List<String> labels, List<Long> values) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("label", label);
		dataset.put("data", values);
		dataset.put("backgroundColor", "#1db954");
		return write(Map.of("type", "bar", "data", Map.of("labels", labels, "datasets", List.of(dataset)), "options",
				Map.of("indexAxis", "y", "maintainAspectRatio", false, "plugins",
						Map.of("legend", Map.of("display", false)))));
	}

	private String timelineChart(ListeningTimeline timeline) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("label", "Plays per " + timeline.granularity());
		dataset.put("data", timeline.buckets().stream().map(ListeningTimeline.Bucket::plays).toList());
		dataset.put("borderColor", "#1db954");
		dataset.put("backgroundColor", "rgba(29,185,84,0.2)");
		dataset.put("fill", true);
		dataset.put("tension", 0.2);
		return write(Map.of("type", "line", "data",
				Map.of("labels", timeline.buckets().stream().map(ListeningTimeline.Bucket::start).toList(), "datasets",
						List.of(dataset)),
				"options",
				Map.of("maintainAspectRatio", false, "plugins", Map.of("legend", Map.of("display", false)))));
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

	/**
	 * Everything the analytics section shows.
	 *
	 * @param totalPlays plays in the window
	 * @param artists top artists
	 * @param tracks top tracks
	 * @param albums top albums
	 * @param heatmap weekday rows of hour cells
	 * @param timeline plays over time
	 * @param artistsChart Chart.js config
	 * @param tracksChart Chart.js config
	 * @param albumsChart Chart.js config
	 * @param timelineChart Chart.js config
	 * @param problem why nothing could be shown, if so
	 */
	record View(long totalPlays, TopArtists artists, TopTracks tracks, TopAlbums albums,
			List<ShadedHeatmap.Row> heatmap, ListeningTimeline timeline, String artistsChart, String tracksChart,
			String albumsChart, String timelineChart, String problem) {

	}

}
