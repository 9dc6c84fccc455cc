package org.spotifymcp.api.me.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.analytics.Coverage;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.HistoryQueryException;
import org.spotifymcp.shared.analytics.WindowRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The year in review (the MCP {@code wrapped} data) for any year with plays. */
@Controller
class WrappedController {

	private final HistoryAnalytics analytics;

	private final Clock clock;

	WrappedController(HistoryAnalytics analytics, Clock clock) {
		this.analytics = analytics;
		this.clock = clock;
	}

	@GetMapping("/me/wrapped")
	String wrapped(@AuthenticationPrincipal Listener listener, @RequestParam(required = false) Integer year,
			Model model) {
		String zone = listener.timeZone();
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneId.of(zone)));
		Coverage all = this.analytics.coverage(listener.userId(), WindowRequest.allTime(zone));
		int first = (all.firstPlayAt() != null)
				? java.time.Instant.parse(all.firstPlayAt()).atZone(ZoneId.of(zone)).getYear() : today.getYear();
		int shown = (year != null) ? year : (all.lastPlayAt() != null)
				? java.time.Instant.parse(all.lastPlayAt()).atZone(ZoneId.of(zone)).getYear() : today.getYear();
		List<Integer> years = new ArrayList<>();
		for (int y = today.getYear(); y >= first; y--) {
			years.add(y);
		}
		model.addAttribute("years", years);
		model.addAttribute("year", shown);
		LocalDate start = LocalDate.of(shown, 1, 1);
		LocalDate end = start.plusYears(1).minusDays(1);
		try {
			model.addAttribute("wrapped", this.analytics.wrapped(listener.userId(),
					WindowRequest.between(start.toString(), (end.isAfter(today) ? today : end).toString(), zone)));
		}
		catch (HistoryQueryException ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "me/wrapped";
	}

}
