package org.spotifymcp.frontend.dashboard;

import java.util.List;
import java.util.stream.Stream;

import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.JobRunSearch;
import org.spotifymcp.shared.admin.JobRunSearch.JobRunFilter;
import org.spotifymcp.shared.admin.LogSearch;
import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.health.DatabaseHealth;
import org.spotifymcp.shared.imports.ImportJob;
import org.spotifymcp.shared.jobs.JobRun;

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

	private final UserOverviewQuery users;

	private final SpotifyApps apps;

	DashboardController(ApiHealthProbe apiHealth, DatabaseHealth databaseHealth, DashboardQueries queries,
			JobRunSearch jobRuns, ImportJobSearch importJobs, LogSearch logs, UserOverviewQuery users,
			SpotifyApps apps) {
		this.apps = apps;
		this.apiHealth = apiHealth;
		this.databaseHealth = databaseHealth;
		this.queries = queries;
		this.jobRuns = jobRuns;
		this.importJobs = importJobs;
		this.logs = logs;
		this.users = users;
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
		PageOf<JobRun> recentRuns = this.jobRuns.search(new JobRunFilter(null, null, null), new PageRequest(0, 10));
		PageOf<ImportJob> activeImports = this.importJobs.search(ImportJobFilter.active(), new PageRequest(0, 20));
		model.addAttribute("recentRuns", recentRuns);
		model.addAttribute("activeImports", activeImports);
		model.addAttribute("userNames",
				this.users.labels(
						Stream
							.concat(recentRuns.items().stream().map(JobRun::getUserId),
									activeImports.items().stream().map(ImportJob::getUserId))
							.toList()));
		model.addAttribute("usage", this.apps.usage());
		model.addAttribute("recentProblems", this.logs.warningsAndErrors(new PageRequest(0, 10)));
		return "dashboard";
	}

}
