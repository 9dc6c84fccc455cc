package org.spotifymcp.frontend.imports;

import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.imports.ImportJobRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The imports page (jobs with live progress) and the progress fragment htmx polls while a
 * job runs.
 */
@Controller
class ImportsController {

	private final ImportJobSearch search;

	private final ImportJobRepository importJobs;

	private final UserOverviewQuery users;

	ImportsController(ImportJobSearch search, ImportJobRepository importJobs, UserOverviewQuery users) {
		this.search = search;
		this.importJobs = importJobs;
		this.users = users;
	}

	@GetMapping("/imports")
	String imports(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
		ImportJobFilter filter = ImportJobFilter.parse(userId, status);
		model.addAttribute("filter", filter);
		model.addAttribute("jobs", this.search.search(filter, new PageRequest(page, PageRequest.DEFAULT_SIZE)));
		model.addAttribute("users", this.users.all());
		return "imports/list";
	}

	/**
	 * Just the progress cell of one job; it stops asking for updates once the job ends.
	 */
	@GetMapping("/imports/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("job",
				this.importJobs.findById(id).orElseThrow(() -> new NotFoundException("import job", id)));
		return "imports/progress :: progress";
	}

}
