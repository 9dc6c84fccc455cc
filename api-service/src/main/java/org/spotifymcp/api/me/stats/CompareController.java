package org.spotifymcp.api.me.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.HistoryQueryException;
import org.spotifymcp.shared.analytics.WindowRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Two periods side by side (the MCP {@code compare_periods} data); by default the last 30
 * days against the 30 before.
 */
@Controller
class CompareController {

	private final HistoryAnalytics analytics;

	private final Clock clock;

	CompareController(HistoryAnalytics analytics, Clock clock) {
		this.analytics = analytics;
		this.clock = clock;
	}

	@GetMapping("/me/compare")
	String compare(@AuthenticationPrincipal Listener listener, @RequestParam(required = false) String aFrom,
			@RequestParam(required = false) String aTo, @RequestParam(required = false) String bFrom,
			@RequestParam(required = false) String bTo, Model model) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneId.of(listener.timeZone())));
		String b2 = orDefault(bTo, today);
		String b1 = orDefault(bFrom, today.minusDays(29));
		String a2 = orDefault(aTo, today.minusDays(30));
		String a1 = orDefault(aFrom, today.minusDays(59));
		model.addAttribute("aFrom", a1);
		model.addAttribute("aTo", a2);
		model.addAttribute("bFrom", b1);
		model.addAttribute("bTo", b2);
		try {
			model.addAttribute("comparison",
					this.analytics.comparePeriods(listener.userId(), WindowRequest.between(a1, a2, listener.timeZone()),
							WindowRequest.between(b1, b2, listener.timeZone()), StatsController.TOP));
		}
		catch (HistoryQueryException ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "me/compare";
	}

	private static String orDefault(String value, LocalDate fallback) {
		return (value == null || value.isBlank()) ? fallback.toString() : value.trim();
	}

}
