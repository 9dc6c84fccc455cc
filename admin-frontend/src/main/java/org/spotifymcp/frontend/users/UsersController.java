package org.spotifymcp.frontend.users;

import org.spotifymcp.frontend.web.Flash;
import org.spotifymcp.shared.admin.ImportJobSearch;
import org.spotifymcp.shared.admin.ImportJobSearch.ImportJobFilter;
import org.spotifymcp.shared.admin.JobRunSearch;
import org.spotifymcp.shared.admin.JobRunSearch.JobRunFilter;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.admin.UserListing;
import org.spotifymcp.shared.admin.UserOverview;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.mcptokens.McpTokenService.IssuedMcpToken;
import org.spotifymcp.shared.oauth.OAuthClientQueries;
import org.spotifymcp.shared.sync.CoverageGapRepository;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.User;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users table with its actions, the user page, and the delete confirmation.
 */
@Controller
class UsersController {

	private final UserOverviewQuery overviews;

	private final UserAdministration administration;

	private final SyncCheckpointRepository checkpoints;

	private final CoverageGapRepository coverageGaps;

	private final JobRunSearch jobRuns;

	private final ImportJobSearch importJobs;

	private final McpTokenService mcpTokens;

	private final UserAnalytics analytics;

	private final OAuthClientQueries oauthClients;

	UsersController(UserOverviewQuery overviews, UserAdministration administration,
			SyncCheckpointRepository checkpoints, CoverageGapRepository coverageGaps, JobRunSearch jobRuns,
			ImportJobSearch importJobs, McpTokenService mcpTokens, UserAnalytics analytics,
			OAuthClientQueries oauthClients) {
		this.overviews = overviews;
		this.administration = administration;
		this.checkpoints = checkpoints;
		this.coverageGaps = coverageGaps;
		this.jobRuns = jobRuns;
		this.importJobs = importJobs;
		this.mcpTokens = mcpTokens;
		this.analytics = analytics;
		this.oauthClients = oauthClients;
	}

	/**
	 * The users table; {@code sort=reconnect_by} puts the soonest end of a Spotify
	 * consent first, {@code due=30} keeps users whose consent ends within 30 days.
	 */
	@GetMapping("/users")
	String users(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String due, Model model) {
		UserListing listing = UserListing.of(sort, due);
		model.addAttribute("users", this.overviews.page(new PageRequest(page, PageRequest.DEFAULT_SIZE), listing));
		model.addAttribute("sort", listing.sort().parameter());
		model.addAttribute("due", listing.reconnectDueWithinDays());
		return "users/list";
	}

	@PostMapping("/users")
	String create(@RequestParam String displayName, @RequestParam(defaultValue = "UTC") String timeZone,
			RedirectAttributes attributes) {
		User[] created = new User[1];
		boolean ok = Flash.perform(attributes, "Import-only user created: upload an export for them next.",
				() -> created[0] = this.administration.createImportOnlyUser(displayName, timeZone));
		return ok ? "redirect:/users/" + created[0].getId() : "redirect:/users";
	}

	@GetMapping("/users/{id}")
	String user(@PathVariable int id, @RequestParam(defaultValue = "90") int days, Model model) {
		UserOverview user = this.overviews.find(id).orElseThrow(() -> new NotFoundException("user", id));
		model.addAttribute("user", user);
		model.addAttribute("counts", this.overviews.counts(id));
		model.addAttribute("checkpoint", this.checkpoints.findById(id).orElse(null));
		model.addAttribute("gaps", this.coverageGaps.findByUserIdOrderByGapStart(id));
		model.addAttribute("jobRuns", this.jobRuns.search(new JobRunFilter(id, null, null), new PageRequest(0, 10)));
		model.addAttribute("imports",
				this.importJobs.search(new ImportJobFilter(id, null, false), new PageRequest(0, 10)));
		model.addAttribute("tokens", this.mcpTokens.listFor(id));
		model.addAttribute("oauthClients", this.oauthClients.authorizedBy(id));
		model.addAttribute("days", days);
		model.addAttribute("analytics", this.analytics.forUser(id, user.timeZone(), days));
		return "users/detail";
	}

	@PostMapping("/users/{id}/edit")
	String edit(@PathVariable int id, @RequestParam String displayName, @RequestParam String timeZone,
			RedirectAttributes attributes) {
		Flash.perform(attributes, "Saved.", () -> this.administration.update(id, displayName, timeZone));
		return "redirect:/users/" + id;
	}

	@PostMapping("/users/{id}/pause")
	String pause(@PathVariable int id, @RequestParam(defaultValue = "list") String back,
			RedirectAttributes attributes) {
		Flash.perform(attributes, "Collection paused for user " + id + ".", () -> this.administration.pause(id));
		return back(back, id);
	}

	@PostMapping("/users/{id}/resume")
	String resume(@PathVariable int id, @RequestParam(defaultValue = "list") String back,
			RedirectAttributes attributes) {
		Flash.perform(attributes, "Collection resumed for user " + id + ".", () -> this.administration.resume(id));
		return back(back, id);
	}

	@PostMapping("/users/{id}/sync")
	String syncNow(@PathVariable int id, @RequestParam(defaultValue = "list") String back,
			RedirectAttributes attributes) {
		Flash.perform(attributes, "Poll queued for user " + id + "; it starts within seconds.",
				() -> this.administration.queueSyncNow(id));
		return back(back, id);
	}

	@PostMapping("/users/{id}/initial-sync")
	String initialSync(@PathVariable int id, @RequestParam(defaultValue = "list") String back,
			RedirectAttributes attributes) {
		Flash.perform(attributes, "Initial sync queued for user " + id + "; it starts within seconds.",
				() -> this.administration.queueInitialSync(id));
		return back(back, id);
	}

	@GetMapping("/users/{id}/delete")
	String confirmDelete(@PathVariable int id, Model model) {
		model.addAttribute("user", this.overviews.find(id).orElseThrow(() -> new NotFoundException("user", id)));
		model.addAttribute("counts", this.overviews.counts(id));
		return "users/delete";
	}

	@PostMapping("/users/{id}/delete")
	String delete(@PathVariable int id, RedirectAttributes attributes) {
		this.administration.delete(id);
		attributes.addFlashAttribute("notice", "User " + id + " and all their data were deleted.");
		return "redirect:/users";
	}

	@PostMapping("/users/{id}/mcp-tokens")
	String issueToken(@PathVariable int id, @RequestParam String name, RedirectAttributes attributes) {
		this.administration.user(id);
		String label = name.trim();
		if (label.isEmpty() || label.length() > 100) {
			attributes.addFlashAttribute("problem", "Give the token a name of at most 100 characters.");
			return "redirect:/users/" + id + "#tokens";
		}
		IssuedMcpToken issued = this.mcpTokens.issue(id, label);
		attributes.addFlashAttribute("issuedSecret", issued.secret());
		attributes.addFlashAttribute("notice", "Token \"" + label + "\" created. Copy it now: it is not shown again.");
		return "redirect:/users/" + id + "#tokens";
	}

	@PostMapping("/users/{id}/mcp-tokens/{tokenId}/revoke")
	String revokeToken(@PathVariable int id, @PathVariable long tokenId, RedirectAttributes attributes) {
		boolean revoked = this.mcpTokens.revoke(tokenId);
		attributes.addFlashAttribute(revoked ? "notice" : "problem",
				revoked ? "Token revoked." : "That token was already revoked or does not exist.");
		return "redirect:/users/" + id + "#tokens";
	}

	private static String back(String back, int id) {
		return "detail".equals(back) ? "redirect:/users/" + id : "redirect:/users";
	}

}
