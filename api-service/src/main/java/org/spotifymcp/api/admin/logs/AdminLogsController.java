package org.spotifymcp.api.admin.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.shared.admin.LogSearch;
import org.spotifymcp.shared.admin.LogSearch.LogFilter;
import org.spotifymcp.shared.admin.LogSearch.PurgeResult;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.logs.LogEntry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/logs} (search the stored log events) and
 * {@code /admin/maintenance/purge-logs} (delete old ones now rather than at the nightly
 * retention run).
 */
@RestController
@Tag(name = "Admin: logs", description = "Stored log events and their purge")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminLogsController {

	private final LogSearch logSearch;

	private final Clock clock;

	AdminLogsController(LogSearch logSearch, Clock clock) {
		this.logSearch = logSearch;
		this.clock = clock;
	}

	@GetMapping("/logs")
	@Operation(summary = "Search logs; filters service, level, q (text), since, until (ISO-8601), newest first")
	AdminPage<LogView> logs(@RequestParam(required = false) String service,
			@RequestParam(required = false) String level, @RequestParam(required = false) String q,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		LogFilter filter = LogFilter.parse(service, level, q, since, until);
		return AdminPage.of(this.logSearch.search(filter, new PageRequest(page, size)), LogView::of);
	}

	@PostMapping("/maintenance/purge-logs")
	@Operation(summary = "Delete log events older than ?days= days now")
	PurgeResult purge(@RequestParam int days) {
		return this.logSearch.purgeOlderThan(days, this.clock.instant());
	}

	/**
	 * A stored log event.
	 *
	 * @param id row id
	 * @param timestamp when
	 * @param service which service
	 * @param level level
	 * @param logger logger name
	 * @param message message
	 * @param context MDC context (user_id, job_run_id, ...)
	 */
	record LogView(long id, Instant timestamp, String service, String level, String logger, String message,
			Map<String, Object> context) {

		static LogView of(LogEntry entry) {
			return new LogView(entry.getId(), entry.getTimestamp(), entry.getService(), entry.getLevel(),
					entry.getLogger(), entry.getMessage(), entry.getContext());
		}

	}

}
