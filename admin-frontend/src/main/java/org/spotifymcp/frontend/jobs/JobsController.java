package org.spotifymcp.frontend.jobs;

import java.util.Collections;

import org.spotifymcp.shared.admin.JobRunSearch;
import org.spotifymcp.shared.admin.JobRunSearch.JobRunFilter;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.jobs.JobRun;
import org.spotifymcp.shared.jobs.JobRunRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Collector job runs: a filterable list and one run with its statistics.
 */
@Controller
class JobsController {

	private final JobRunSearch search;

	private final JobRunRepository jobRuns;

	private final UserOverviewQuery users;

	JobsController(JobRunSearch search, JobRunRepository jobRuns, UserOverviewQuery users) {
		this.search = search;
		this.jobRuns = jobRuns;
		this.users = users;
	}

	@GetMapping("/jobs")
	String jobs(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(name = "job_type", required = false) String jobType,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
		JobRunFilter filter = JobRunFilter.parse(userId, jobType, status);
		model.addAttribute("filter", filter);
		model.addAttribute("jobTypes", this.search.jobTypes());
		PageOf<JobRun> runs = this.search.search(filter, new PageRequest(page, PageRequest.DEFAULT_SIZE));
		model.addAttribute("runs", runs);
		model.addAttribute("userNames", this.users.labels(runs.items().stream().map(JobRun::getUserId).toList()));
		return "jobs/list";
	}

	@GetMapping("/jobs/{id}")
	String job(@PathVariable long id, Model model) {
		JobRun run = this.jobRuns.findById(id).orElseThrow(() -> new NotFoundException("job run", id));
		model.addAttribute("run", run);
		model.addAttribute("userNames", this.users.labels(Collections.singletonList(run.getUserId())));
		return "jobs/detail";
	}

}
