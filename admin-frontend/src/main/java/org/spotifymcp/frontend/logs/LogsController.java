package org.spotifymcp.frontend.logs;

import java.time.Clock;

import org.spotifymcp.shared.admin.LogLevel;
import org.spotifymcp.shared.admin.LogSearch;
import org.spotifymcp.shared.admin.LogSearch.LogFilter;
import org.spotifymcp.shared.admin.LogSearch.PurgeResult;
import org.spotifymcp.shared.admin.PageRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Stored log events: filter by service, level and time, search the text, page through,
 * and purge old ones after a confirmation.
 */
@Controller
class LogsController {

	private final LogSearch logs;

	private final Clock clock;

	LogsController(LogSearch logs, Clock clock) {
		this.logs = logs;
		this.clock = clock;
	}

	@GetMapping("/logs")
	String logs(@RequestParam(required = false) String service, @RequestParam(required = false) String level,
			@RequestParam(required = false) String q, @RequestParam(required = false) String since,
			@RequestParam(required = false) String until, @RequestParam(defaultValue = "0") int page, Model model) {
		LogFilter filter = LogFilter.parse(service, level, q, since, until);
		model.addAttribute("filter", filter);
		model.addAttribute("sinceText", (since != null) ? since : "");
		model.addAttribute("untilText", (until != null) ? until : "");
		model.addAttribute("services", this.logs.services());
		model.addAttribute("levels", LogLevel.values());
		model.addAttribute("entries", this.logs.search(filter, new PageRequest(page, PageRequest.DEFAULT_SIZE)));
		return "logs/list";
	}

	@GetMapping("/logs/purge")
	String confirmPurge(@RequestParam(defaultValue = "30") int days, Model model) {
		model.addAttribute("days", days);
		return "logs/purge";
	}

	@PostMapping("/logs/purge")
	String purge(@RequestParam int days, RedirectAttributes attributes) {
		PurgeResult result = this.logs.purgeOlderThan(days, this.clock.instant());
		attributes.addFlashAttribute("notice",
				"Deleted " + result.deleted() + " log events older than " + days + " days.");
		return "redirect:/logs";
	}

}
