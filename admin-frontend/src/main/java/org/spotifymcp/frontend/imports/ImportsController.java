package org.spotifymcp.frontend.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportJob;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.imports.ImportRejectedException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The imports page: the upload form (stored and queued through the shared
 * {@link ImportIntake}, the same path as the API's upload endpoint; a collector does the
 * import), the jobs with live progress, and the progress fragment htmx polls while a job
 * runs.
 */
@Controller
class ImportsController {

	private final ImportJobSearch search;

	private final ImportJobRepository importJobs;

	private final UserOverviewQuery users;

	private final ImportIntake intake;

	ImportsController(ImportJobSearch search, ImportJobRepository importJobs, UserOverviewQuery users,
			ImportIntake intake) {
		this.search = search;
		this.importJobs = importJobs;
		this.users = users;
		this.intake = intake;
	}

	@PostMapping("/imports")
	String upload(@RequestParam(name = "user_id") int userId, @RequestParam("file") MultipartFile file,
			RedirectAttributes attributes) {
		try (InputStream content = file.getInputStream()) {
			ImportJob job = this.intake.accept(userId, file.getOriginalFilename(), content);
			attributes.addFlashAttribute("notice", "Uploaded " + job.getOriginalFilename() + " as import job "
					+ job.getId() + "; a collector starts it within seconds.");
		}
		catch (ImportRejectedException ex) {
			attributes.addFlashAttribute("problem", "Upload refused: " + ex.getMessage());
		}
		catch (IOException ex) {
			attributes.addFlashAttribute("problem", "The upload could not be read: " + ex.getMessage());
		}
		return "redirect:/imports?user_id=" + userId;
	}

	@GetMapping("/imports")
	String imports(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
		ImportJobFilter filter = ImportJobFilter.parse(userId, status);
		model.addAttribute("filter", filter);
		PageOf<ImportJob> jobs = this.search.search(filter, new PageRequest(page, PageRequest.DEFAULT_SIZE));
		model.addAttribute("jobs", jobs);
		model.addAttribute("users", this.users.all());
		model.addAttribute("userNames", this.users.labels(jobs.items().stream().map(ImportJob::getUserId).toList()));
		return "imports/list";
	}

	/**
	 * Just the progress cell of one job (dashboard and user pages); it stops asking for
	 * updates once the job ends.
	 */
	@GetMapping("/imports/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("job", job(id));
		return "imports/progress :: progress";
	}

	/**
	 * One row of the imports table, format and age included; it stops asking for updates
	 * once the job ends.
	 */
	@GetMapping("/imports/{id}/row")
	String row(@PathVariable long id, Model model) {
		ImportJob job = job(id);
		model.addAttribute("job", job);
		model.addAttribute("userNames", this.users.labels(List.of(job.getUserId())));
		return "imports/row :: row";
	}

	private ImportJob job(long id) {
		return this.importJobs.findById(id).orElseThrow(() -> new NotFoundException("import job", id));
	}

}
