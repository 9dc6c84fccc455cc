package org.spotifymcp.frontend.dashboard;

import java.util.List;

import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.JobRunSearch;
import org.spotifymcp.shared.admin.JobRunSearch.JobRunFilter;
import org.spotifymcp.shared.admin.LogLevel;
import org.spotifymcp.shared.admin.LogSearch;
import org.spotifymcp.shared.admin.LogSearch.LogFilter;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.health.DatabaseHealth;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page: is everything running, how much is stored, what happened lately.
 */
@Controller
class DashboardController {

	private final ApiHealthProbe apiHealth;

	private final DatabaseHealth databaseHealth;

	private final DashboardQueries queries;

	private final JobRunSearch jobRuns;

	private final ImportJobSearch importJobs;

	private final LogSearch logs;

	DashboardController(ApiHealthProbe apiHealth, DatabaseHealth databaseHealth, DashboardQueries queries,
			JobRunSearch jobRuns, ImportJobSearch importJobs, LogSearch logs) {
		this.apiHealth = apiHealth;
		this.databaseHealth = databaseHealth;
		this.queries = queries;
		this.jobRuns = jobRuns;
		this.importJobs = importJobs;
		this.logs = logs;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		DatabaseHealth.DatabaseState database = this.databaseHealth.check();
		ServiceHealth databaseHealth = new ServiceHealth("Database", database.isUp() ? "up" : "down",
				database.isUp()
						? "schema v" + database.schemaVersion() + ", answered in " + database.latencyMs() + " ms"
						: "not answering (" + database.error() + ")");
		model.addAttribute("health", List.of(this.apiHealth.check(), this.queries.collectorHealth(), databaseHealth));
		model.addAttribute("totals", this.queries.totals());
		model.addAttribute("recentRuns",
				this.jobRuns.search(new JobRunFilter(null, null, null), new PageRequest(0, 10)));
		model.addAttribute("activeImports", this.importJobs.search(ImportJobFilter.active(), new PageRequest(0, 20)));
		model.addAttribute("recentErrors",
				this.logs.search(new LogFilter(null, LogLevel.ERROR, null, null, null), new PageRequest(0, 10)));
		return "dashboard";
	}

}
