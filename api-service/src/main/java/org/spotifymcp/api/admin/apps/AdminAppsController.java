package org.spotifymcp.api.admin.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.OperationsProperties;

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
 * Spotify apps per user: a development-mode Spotify app serves five users, so the admin
 * registers more apps, attaches users (a group is the users of one app) and sends new
 * listeners invite links whose login runs against the right app. Users without an app use
 * the default app of {@code SPOTIFY_CLIENT_ID}. Secrets go in, never out. An app is
 * removed only once no user is attached (409 otherwise): their tokens belong to it.
 */
@RestController
@Tag(name = "Admin: Spotify apps", description = "Spotify apps per user or group, and invite links")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminAppsController {

	private final SpotifyApps apps;

	private final SpotifyAppInvites invites;

	private final OperationsProperties operations;

	AdminAppsController(SpotifyApps apps, SpotifyAppInvites invites, OperationsProperties operations) {
		this.apps = apps;
		this.invites = invites;
		this.operations = operations;
	}

	/**
	 * A new app from Spotify's developer dashboard.
	 *
	 * @param label what to call it, e.g. "Family"
	 * @param clientId its client id
	 * @param clientSecret its client secret (stored encrypted, never shown again)
	 */
	record NewApp(String label, @JsonProperty("client_id") String clientId,
			@JsonProperty("client_secret") String clientSecret) {

	}

	/**
	 * A replaced client secret.
	 *
	 * @param clientSecret the new secret
	 */
	record NewSecret(@JsonProperty("client_secret") String clientSecret) {

	}

	/**
	 * A new label.
	 *
	 * @param label the label
	 */
	record Relabel(String label) {

	}

	/**
	 * Users to attach.
	 *
	 * @param userIds the users
	 */
	record UserIds(@JsonProperty("user_ids") List<Integer> userIds) {

	}

	/**
	 * A new invite.
	 *
	 * @param appId the app the login runs against; absent or null for the default app
	 * @param expiresInHours how long the link works, 1..720 (default 168)
	 * @param note whom it is for
	 */
	record NewInvite(@JsonProperty("app_id") Integer appId, @JsonProperty("expires_in_hours") Integer expiresInHours,
			String note) {

	}

	@GetMapping("/spotify-apps")
	@Operation(summary = "The Spotify apps users can be attached to, with users and connected users per app "
			+ "(Spotify's development-mode cap is 5); never their secrets")
	AdminPage<AppResponses.AppView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(this.apps.list(new PageRequest(page, size)), AppResponses.AppView::of);
	}

	@PostMapping("/spotify-apps")
	@Operation(summary = "Add a Spotify app (label, client_id, client_secret); the secret is stored encrypted "
			+ "like refresh tokens. 409 when the client id is known or is the default app")
	@ResponseStatus(HttpStatus.CREATED)
	AppResponses.AppView add(@RequestBody NewApp body) {
		return AppResponses.AppView.of(this.apps.add(body.label(), body.clientId(), body.clientSecret()));
	}

	@GetMapping("/spotify-apps/{id}")
	@Operation(summary = "One Spotify app")
	AppResponses.AppView get(@PathVariable int id) {
		return AppResponses.AppView.of(this.apps.get(id));
	}

	@PatchMapping("/spotify-apps/{id}")
	@Operation(summary = "Rename a Spotify app")
	AppResponses.AppView relabel(@PathVariable int id, @RequestBody Relabel body) {
		return AppResponses.AppView.of(this.apps.rename(id, body.label()));
	}

	@PostMapping("/spotify-apps/{id}/rotate-secret")
	@Operation(summary = "Replace the app's client secret after rotating it in Spotify's dashboard; "
			+ "users' tokens stay valid")
	AppResponses.AppView rotate(@PathVariable int id, @RequestBody NewSecret body) {
		return AppResponses.AppView.of(this.apps.rotateSecret(id, body.clientSecret()));
	}

	@DeleteMapping("/spotify-apps/{id}")
	@Operation(summary = "Remove a Spotify app and its invites; 409 while users are attached (detach them first)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable int id) {
		this.apps.remove(id);
	}

	@GetMapping("/spotify-apps/{id}/users")
	@Operation(summary = "The users attached to a Spotify app; page from 0, size 1-200, default 50")
	AdminPage<AppResponses.AttachedUser> users(@PathVariable int id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		PageRequest request = new PageRequest(page, size);
		this.apps.get(id);
		List<AppResponses.AttachedUser> users = this.apps.attachedUsers(id)
			.stream()
			.map(AppResponses.AttachedUser::of)
			.toList();
		return AdminPage.of(users, request);
	}

	/**
	 * What attaching did to each user, in the order asked.
	 *
	 * @param attached one answer per user
	 */
	record Attachments(List<AppResponses.Attachment> attached) {

	}

	@PostMapping("/spotify-apps/{id}/users")
	@Operation(summary = "Attach users (user_ids) to a Spotify app: their logins, refreshes and polls use it. "
			+ "A user whose token came from another app must reconnect (reconnect_required; send an invite)")
	Attachments attach(@PathVariable int id, @RequestBody UserIds body) {
		this.apps.get(id);
		if (body.userIds() == null || body.userIds().isEmpty()) {
			throw new InvalidFilterException("user_ids", "must list at least one user id");
		}
		List<AppResponses.Attachment> done = new ArrayList<>();
		for (Integer userId : body.userIds()) {
			if (userId == null || userId < 1) {
				throw new InvalidFilterException("user_ids", "must hold positive user ids");
			}
		}
		for (Integer userId : body.userIds()) {
			done.add(AppResponses.Attachment.of(this.apps.attach(userId, id)));
		}
		return new Attachments(done);
	}

	@DeleteMapping("/spotify-apps/{id}/users/{userId}")
	@Operation(summary = "Detach a user from a Spotify app: they go back to the default app (and reconnect if "
			+ "they held a token of this app)")
	AppResponses.Attachment detach(@PathVariable int id, @PathVariable int userId) {
		this.apps.get(id);
		boolean attached = this.apps.attachedUsers(id).stream().anyMatch((user) -> user.id() == userId);
		if (!attached) {
			throw new NotFoundException("user attached to Spotify app " + id + "", userId);
		}
		return AppResponses.Attachment.of(this.apps.attach(userId, null));
	}

	@GetMapping("/invites")
	@Operation(summary = "Invite links, newest first, with their status (open, used, expired, revoked); "
			+ "never their tokens")
	AdminPage<AppResponses.InviteView> invites(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(this.invites.list(new PageRequest(page, size)), AppResponses.InviteView::of);
	}

	@PostMapping("/invites")
	@Operation(summary = "Create an invite link (/auth/login?invite=...): one login, before it expires, runs "
			+ "against app_id (or the default app) and attaches the listener to it; an invite also admits a "
			+ "listener missing from ALLOWED_SPOTIFY_USER_IDS. The link is in this answer only")
	@ResponseStatus(HttpStatus.CREATED)
	AppResponses.CreatedInvite createInvite(@RequestBody(required = false) NewInvite body) {
		NewInvite invite = (body != null) ? body : new NewInvite(null, null, null);
		if (invite.appId() != null) {
			try {
				this.apps.get(invite.appId());
			}
			catch (NotFoundException ex) {
				throw new InvalidFilterException("app_id", "names no Spotify app");
			}
		}
		Duration validity = (invite.expiresInHours() != null) ? Duration.ofHours(invite.expiresInHours()) : null;
		SpotifyAppInvites.CreatedInvite created = this.invites.create(invite.appId(), validity, invite.note());
		return new AppResponses.CreatedInvite(AppResponses.InviteView.of(created.invite()), created.token(),
				publicBase() + "/auth/login?invite=" + created.token());
	}

	@DeleteMapping("/invites/{id}")
	@Operation(summary = "Revoke an invite so its link stops working; 409 when it was already used")
	AppResponses.InviteView revoke(@PathVariable long id) {
		return AppResponses.InviteView.of(this.invites.revoke(id));
	}

	private String publicBase() {
		String base = this.operations.apiBaseUrl();
		if (base == null || base.isBlank()) {
			return "";
		}
		String trimmed = base.strip();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
