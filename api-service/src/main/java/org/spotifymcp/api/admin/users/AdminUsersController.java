package org.spotifymcp.api.admin.users;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.api.admin.users.UserResponses.CreateUser;
import org.spotifymcp.api.admin.users.UserResponses.StatusChange;
import org.spotifymcp.api.admin.users.UserResponses.SyncQueued;
import org.spotifymcp.api.admin.users.UserResponses.SyncStatus;
import org.spotifymcp.api.admin.users.UserResponses.TokenState;
import org.spotifymcp.api.admin.users.UserResponses.UpdateUser;
import org.spotifymcp.api.admin.users.UserResponses.UserDetail;
import org.spotifymcp.api.admin.users.UserResponses.UserSummary;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.admin.UserOverview;
import org.spotifymcp.shared.admin.UserListing;
import org.spotifymcp.shared.admin.UserOverviewQuery;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.User;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/users}: list, inspect, create (import-only), edit, delete users, and
 * steer their collection (pause, resume, sync now, initial sync);
 * {@code /admin/sync-status}.
 */
@RestController
@Tag(name = "Admin: users", description = "Users, their collection state and sync actions")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminUsersController {

	private final UserOverviewQuery overviews;

	private final UserAdministration administration;

	private final SpotifyTokenRepository tokens;

	private final SyncCheckpointRepository checkpoints;

	AdminUsersController(UserOverviewQuery overviews, UserAdministration administration, SpotifyTokenRepository tokens,
			SyncCheckpointRepository checkpoints) {
		this.overviews = overviews;
		this.administration = administration;
		this.tokens = tokens;
		this.checkpoints = checkpoints;
	}

	@GetMapping("/users")
	@Operation(summary = "List users with token and sync state, Spotify reconnect-by date and play counts"
			+ " (page from 0, size 1-200, default 50; sort=id|reconnect_by; reconnect_due_within_days=N keeps"
			+ " users whose Spotify consent ends within N days, ended ones included)")
	AdminPage<UserSummary> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size,
			@RequestParam(required = false) String sort,
			@RequestParam(name = "reconnect_due_within_days", required = false) String reconnectDueWithinDays) {
		return AdminPage.of(
				this.overviews.page(new PageRequest(page, size), UserListing.of(sort, reconnectDueWithinDays)),
				UserSummary::of);
	}

	@GetMapping("/users/{id}")
	@Operation(summary = "One user: profile, Spotify token status (no secrets), checkpoint, counts")
	UserDetail get(@PathVariable int id) {
		UserOverview user = this.overviews.find(validId(id)).orElseThrow(() -> new NotFoundException("user", id));
		return UserDetail.of(user, this.tokens.findById(id).map((token) -> TokenState.of(token, user)).orElse(null),
				this.checkpoints.findById(id).orElse(null), this.overviews.counts(id));
	}

	@PostMapping("/users")
	@Operation(summary = "Create an import-only user (no Spotify link); body {display_name, time_zone}")
	@ResponseStatus(HttpStatus.CREATED)
	UserDetail create(@RequestBody CreateUser body) {
		User user = this.administration.createImportOnlyUser(body.displayName(), body.timeZone());
		return get(user.getId());
	}

	@PatchMapping("/users/{id}")
	@Operation(summary = "Change display name and/or time zone")
	UserDetail update(@PathVariable int id, @RequestBody UpdateUser body) {
		if (body.displayName() == null && body.timeZone() == null) {
			throw new InvalidFilterException("body", "must set display_name and/or time_zone");
		}
		this.administration.update(validId(id), body.displayName(), body.timeZone());
		return get(id);
	}

	@DeleteMapping("/users/{id}")
	@Operation(summary = "Delete the user with all plays, tokens, jobs, imports and MCP tokens")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable int id) {
		this.administration.delete(validId(id));
	}

	@PostMapping("/users/{id}/pause")
	@Operation(summary = "Pause collection (checkpoint status paused)")
	StatusChange pause(@PathVariable int id) {
		return new StatusChange(id, name(this.administration.pause(validId(id))));
	}

	@PostMapping("/users/{id}/resume")
	@Operation(summary = "Resume collection (paused -> polling, or idle before the initial sync)")
	StatusChange resume(@PathVariable int id) {
		return new StatusChange(id, name(this.administration.resume(validId(id))));
	}

	@PostMapping("/users/{id}/initial-sync")
	@Operation(summary = "Queue an initial backfill on the collector; starts within seconds")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SyncQueued initialSync(@PathVariable int id) {
		this.administration.queueInitialSync(validId(id));
		return new SyncQueued(id, JobTasks.INITIAL_SYNC.getTaskName(), true);
	}

	@PostMapping("/users/{id}/trigger-sync")
	@Operation(summary = "Queue an incremental poll on the collector; starts within seconds")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SyncQueued triggerSync(@PathVariable int id) {
		this.administration.queueSyncNow(validId(id));
		return new SyncQueued(id, JobTasks.POLL_USER.getTaskName(), true);
	}

	@GetMapping("/sync-status")
	@Operation(summary = "Every user at a glance: sync state, last/next poll, failures, plays"
			+ " (by user id; page from 0, size 1-200, default 50)")
	AdminPage<SyncStatus> syncStatus(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(this.overviews.page(new PageRequest(page, size)), SyncStatus::of);
	}

	static int validId(int id) {
		if (id < 1) {
			throw new InvalidFilterException("id", "must be a positive integer");
		}
		return id;
	}

	private static String name(CheckpointStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

}
