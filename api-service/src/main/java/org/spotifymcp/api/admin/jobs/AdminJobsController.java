package org.spotifymcp.api.admin.jobs;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.JobRunSearch;
import org.spotifymcp.shared.admin.JobRunSearch.JobRunFilter;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.imports.ImportJobView;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.jobs.JobRun;
import org.spotifymcp.shared.jobs.JobRunRepository;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/job-runs} and {@code /admin/import-jobs}: what the collector did and is
 * doing, filterable, newest first.
 */
@RestController
@Tag(name = "Admin: jobs", description = "Collector job runs and import jobs")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminJobsController {

	private final JobRunSearch jobRunSearch;

	private final JobRunRepository jobRuns;

	private final ImportJobSearch importJobSearch;

	private final ImportJobRepository importJobs;

	AdminJobsController(JobRunSearch jobRunSearch, JobRunRepository jobRuns, ImportJobSearch importJobSearch,
			ImportJobRepository importJobs) {
		this.jobRunSearch = jobRunSearch;
		this.jobRuns = jobRuns;
		this.importJobSearch = importJobSearch;
		this.importJobs = importJobs;
	}

	@GetMapping("/job-runs")
	@Operation(summary = "Job runs, newest first; filters user_id, job_type, status (running|success|error|partial)")
	AdminPage<JobRunView> jobRuns(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(name = "job_type", required = false) String jobType,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(
				this.jobRunSearch.search(JobRunFilter.parse(userId, jobType, status), new PageRequest(page, size)),
				JobRunView::of);
	}

	@GetMapping("/job-runs/{id}")
	@Operation(summary = "One job run with its statistics")
	JobRunView jobRun(@PathVariable long id) {
		return JobRunView
			.of(this.jobRuns.findById(validId(id)).orElseThrow(() -> new NotFoundException("job run", id)));
	}

	@GetMapping("/import-jobs")
	@Operation(summary = "Import jobs, newest first; filters user_id, status (pending|running|success|error|cancelled)")
	AdminPage<ImportJobView> importJobs(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(
				this.importJobSearch.search(ImportJobFilter.parse(userId, status), new PageRequest(page, size)),
				ImportJobView::of);
	}

	@GetMapping("/import-jobs/{id}")
	@Operation(summary = "One import job with its progress")
	ImportJobView importJob(@PathVariable long id) {
		return ImportJobView
			.of(this.importJobs.findById(validId(id)).orElseThrow(() -> new NotFoundException("import job", id)));
	}

	private static long validId(long id) {
		if (id < 1) {
			throw new InvalidFilterException("id", "must be a positive integer");
		}
		return id;
	}

	/**
	 * A collector job run.
	 *
	 * @param id run id
	 * @param jobType kind of job
	 * @param userId user worked on, if any
	 * @param status running, success, error or partial
	 * @param startedAt start
	 * @param finishedAt end
	 * @param heartbeatAt last sign of life
	 * @param instanceId collector that ran it
	 * @param stats job statistics
	 * @param errorMessage what failed
	 */
	record JobRunView(long id, String jobType, Integer userId, String status, Instant startedAt, Instant finishedAt,
			Instant heartbeatAt, String instanceId, Map<String, Object> stats, String errorMessage) {

		static JobRunView of(JobRun run) {
			return new JobRunView(run.getId(), run.getJobType(), run.getUserId(),
					run.getStatus().name().toLowerCase(Locale.ROOT), run.getStartedAt(), run.getFinishedAt(),
					run.getHeartbeatAt(), run.getInstanceId(), run.getStats(), run.getErrorMessage());
		}

	}

}
