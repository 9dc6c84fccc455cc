package org.spotifymcp.api.me.items;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.spotifymcp.api.me.Listener;
import org.spotifymcp.api.me.web.CatalogImages;
import org.spotifymcp.api.me.web.ChartConfigs;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.ItemHistory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One track, album or artist of the listener's history (the analytics'
 * {@link ItemHistory}): plays per month in the listener's zone, first and last play,
 * counted plays, skipped listens and listening time, and the tracks of an album or the
 * top tracks of an artist. A track or album the listener never listened to is not found
 * (404), whoever else played it.
 */
@Controller
class ItemPagesController {

	private final HistoryAnalytics analytics;

	private final ChartConfigs charts;

	private final CatalogImages images;

	ItemPagesController(HistoryAnalytics analytics, ChartConfigs charts, CatalogImages images) {
		this.analytics = analytics;
		this.charts = charts;
		this.images = images;
	}

	@GetMapping("/me/tracks/{id}")
	String track(@AuthenticationPrincipal Listener listener, @PathVariable String id, Model model,
			HttpServletResponse response) {
		return page("track", null, this.analytics.trackHistory(listener.userId(), id), model, response);
	}

	@GetMapping("/me/albums/{id}")
	String album(@AuthenticationPrincipal Listener listener, @PathVariable String id, Model model,
			HttpServletResponse response) {
		return page("album", null, this.analytics.albumHistory(listener.userId(), id), model, response);
	}

	@GetMapping("/me/artist")
	String artist(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletResponse response) {
		Optional<ItemHistory> artist = name.isBlank() ? Optional.empty()
				: this.analytics.artistHistory(listener.userId(), name);
		return page("artist", name, artist, model, response);
	}

	private String page(String kind, String askedName, Optional<ItemHistory> found, Model model,
			HttpServletResponse response) {
		model.addAttribute("kind", kind);
		if (found.isEmpty()) {
			// A track or album id is not found, the same whether other listeners played
			// it
			// or nobody did; an artist page is a search by name, which answers "none".
			if (askedName == null) {
				response.setStatus(HttpStatus.NOT_FOUND.value());
			}
			model.addAttribute("name", (askedName != null) ? askedName : "Not in your history");
			return "me/item";
		}
		ItemHistory item = found.get();
		model.addAttribute("name", item.name());
		model.addAttribute("item", item);
		model.addAttribute("trackImages",
				this.images.tracks(item.tracks().stream().map(ItemHistory.Track::spotifyId).toList()));
		model.addAttribute("monthsChart",
				this.charts.columns("Plays", item.months().stream().map(ItemHistory.Month::month).toList(),
						item.months().stream().map(ItemHistory.Month::plays).toList()));
		return "me/item";
	}

}
