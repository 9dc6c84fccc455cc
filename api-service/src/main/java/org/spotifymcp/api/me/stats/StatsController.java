package org.spotifymcp.api.me.stats;

import java.time.Clock;
import java.util.List;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.api.me.web.CatalogImages;
import org.spotifymcp.api.me.web.ChartConfigs;
import org.spotifymcp.api.me.web.StatsWindow;
import org.spotifymcp.shared.analytics.AlbumCount;
import org.spotifymcp.shared.analytics.ArtistCount;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.ShadedHeatmap;
import org.spotifymcp.shared.analytics.HistoryQueryException;
import org.spotifymcp.shared.analytics.ListeningTimeline;
import org.spotifymcp.shared.analytics.TopArtists;
import org.spotifymcp.shared.analytics.TopOrder;
import org.spotifymcp.shared.analytics.TrackCount;
import org.spotifymcp.shared.analytics.WindowRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Stats for a window: top artists, tracks and albums (by plays or by listening time, each
 * ranked over the whole window by the analytics), with their pictures, the timeline, the
 * weekday × hour heatmap and discoveries, all from the analytics the MCP tools answer
 * with.
 */
@Controller
class StatsController {

	static final int TOP = 10;

	private final HistoryAnalytics analytics;

	private final ChartConfigs charts;

	private final Clock clock;

	private final CatalogImages images;

	StatsController(HistoryAnalytics analytics, ChartConfigs charts, Clock clock, CatalogImages images) {
		this.analytics = analytics;
		this.charts = charts;
		this.clock = clock;
		this.images = images;
	}

	@GetMapping("/me/stats")
	String stats(@AuthenticationPrincipal Listener listener, @RequestParam(required = false) String range,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String by, Model model) {
		StatsWindow window = StatsWindow.of(range, from, to, by, listener.timeZone(), this.clock);
		model.addAttribute("window", window);
		model.addAttribute("presets", StatsWindow.PRESETS);
		try {
			addStats(listener.userId(), window, model);
		}
		catch (HistoryQueryException ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "me/stats";
	}

	private void addStats(int userId, StatsWindow window, Model model) {
		WindowRequest request = window.request();
		boolean byTime = "minutes".equals(window.by());
		TopOrder order = byTime ? TopOrder.TIME : TopOrder.PLAYS;
		TopArtists topArtists = this.analytics.topArtists(userId, request, TOP, order);
		List<ArtistCount> artists = topArtists.artists();
		List<TrackCount> tracks = this.analytics.topTracks(userId, request, TOP, order).tracks();
		List<AlbumCount> albums = this.analytics.topAlbums(userId, request, TOP, order).albums();
		ListeningTimeline timeline = this.analytics.timeline(userId, request, null);
		String unit = byTime ? "Minutes" : "Plays";
		model.addAttribute("totalPlays", topArtists.totalPlays());
		model.addAttribute("info", topArtists.window());
		model.addAttribute("artists", artists);
		model.addAttribute("tracks", tracks);
		model.addAttribute("albums", albums);
		model.addAttribute("artistsChart", this.charts.bars(unit, artists.stream().map(ArtistCount::name).toList(),
				artists.stream().map((a) -> measure(byTime, a.minutes(), a.plays())).toList()));
		model.addAttribute("tracksChart",
				this.charts.bars(unit, tracks.stream().map((t) -> t.name() + " — " + t.artists()).toList(),
						tracks.stream().map((t) -> measure(byTime, t.minutes(), t.plays())).toList()));
		model.addAttribute("albumsChart", this.charts.bars(unit, albums.stream().map(AlbumCount::name).toList(),
				albums.stream().map((a) -> measure(byTime, a.minutes(), a.plays())).toList()));
		model.addAttribute("timeline", timeline);
		model.addAttribute("timelineChart",
				this.charts.line(unit + " per " + timeline.granularity(),
						timeline.buckets().stream().map(ListeningTimeline.Bucket::start).toList(),
						timeline.buckets().stream().map((b) -> measure(byTime, b.minutes(), b.plays())).toList()));
		model.addAttribute("heatmap", ShadedHeatmap.of(this.analytics.heatmap(userId, request)));
		model.addAttribute("discoveries", this.analytics.discoveries(userId, request, TOP));
		model.addAttribute("artistImages", this.images.artists(artists.stream().map(ArtistCount::name).toList()));
		model.addAttribute("trackImages", this.images.tracks(tracks.stream().map(TrackCount::spotifyId).toList()));
		model.addAttribute("albumImages", this.images.albums(albums.stream().map(AlbumCount::spotifyId).toList()));
	}

	/**
	 * What a chart shows for one item: whole minutes when ranking by listening time,
	 * plays otherwise.
	 */
	private static Number measure(boolean byTime, double minutes, long plays) {
		return byTime ? Math.round(minutes) : plays;
	}

}
