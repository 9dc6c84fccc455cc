package org.spotifymcp.frontend.apps;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Spotify apps per user: add, rotate and remove apps, attach users (the users of one app
 * are a group), and create invite links whose login runs against an app. A new invite's
 * link is shown once, in the flash after the redirect; only its hash is stored. Refused
 * actions (bad input, an app with users) come back as the page's problem message.
 */
@Controller
class SpotifyAppsController {

	private static final String PAGE = "redirect:/spotify-apps";

	private final SpotifyApps apps;

	private final SpotifyAppInvites invites;

	private final OperationsProperties operations;

	private final JdbcTemplate jdbc;

	SpotifyAppsController(SpotifyApps apps, SpotifyAppInvites invites, OperationsProperties operations,
			JdbcTemplate jdbc) {
		this.apps = apps;
		this.invites = invites;
		this.operations = operations;
		this.jdbc = jdbc;
	}

	@GetMapping("/spotify-apps")
	String list(Model model) {
		List<SpotifyApps.AppView> apps = this.apps.list(new PageRequest(0, PageRequest.MAX_SIZE)).items();
		Map<Integer, List<SpotifyApps.AttachedUser>> attached = new LinkedHashMap<>();
		apps.forEach((app) -> attached.put(app.id(), this.apps.attachedUsers(app.id())));
		model.addAttribute("apps", apps);
		model.addAttribute("attached", attached);
		model.addAttribute("usage", this.apps.usage());
		model.addAttribute("cap", SpotifyApps.DEVELOPMENT_MODE_USERS);
		model.addAttribute("invites", this.invites.list(new PageRequest(0, 50)));
		model.addAttribute("userChoices", userChoices());
		return "apps/list";
	}

	@PostMapping("/spotify-apps")
	String add(@RequestParam String label, @RequestParam("client_id") String clientId,
			@RequestParam("client_secret") String clientSecret, RedirectAttributes flash) {
		return act(flash, () -> {
			SpotifyApps.AppView app = this.apps.add(label, clientId, clientSecret);
			return "Spotify app " + app.label() + " (" + app.clientId() + ") added; its secret is stored encrypted.";
		});
	}

	@PostMapping("/spotify-apps/{id}/rotate")
	String rotate(@PathVariable int id, @RequestParam("client_secret") String clientSecret, RedirectAttributes flash) {
		return act(flash, () -> "New client secret of " + this.apps.rotateSecret(id, clientSecret).label()
				+ " stored; users keep their tokens.");
	}

	@PostMapping("/spotify-apps/{id}/delete")
	String remove(@PathVariable int id, RedirectAttributes flash) {
		return act(flash, () -> {
			String label = this.apps.get(id).label();
			this.apps.remove(id);
			return "Spotify app " + label + " removed.";
		});
	}

	@PostMapping("/spotify-apps/{id}/attach")
	String attach(@PathVariable int id, @RequestParam(name = "user_id", required = false) List<Integer> userIds,
			RedirectAttributes flash) {
		return act(flash, () -> {
			if (userIds == null || userIds.isEmpty()) {
				throw new InvalidFilterException("user_id", "must name at least one user");
			}
			this.apps.get(id);
			long reconnect = userIds.stream().filter((user) -> this.apps.attach(user, id).reconnectRequired()).count();
			return userIds.size() + " user(s) attached to " + this.apps.get(id).label() + "."
					+ ((reconnect > 0)
							? " " + reconnect
									+ " of them held a token of another app and must reconnect: send them an invite."
							: "");
		});
	}

	@PostMapping("/spotify-apps/{id}/users/{userId}/detach")
	String detach(@PathVariable int id, @PathVariable int userId, RedirectAttributes flash) {
		return act(flash, () -> {
			if (this.apps.attachedUsers(id).stream().noneMatch((user) -> user.id() == userId)) {
				throw new NotFoundException("user attached to Spotify app " + id, userId);
			}
			boolean reconnect = this.apps.attach(userId, null).reconnectRequired();
			return "User " + userId + " uses the default app again."
					+ (reconnect ? " They must reconnect at /auth/login." : "");
		});
	}

	@PostMapping("/invites")
	String invite(@RequestParam(name = "app_id", required = false) Integer appId,
			@RequestParam(name = "expires_in_hours", defaultValue = "168") int hours,
			@RequestParam(required = false) String note, RedirectAttributes flash) {
		return act(flash, () -> {
			SpotifyAppInvites.CreatedInvite created = this.invites.create(appId, Duration.ofHours(hours), note);
			flash.addFlashAttribute("inviteUrl", publicBase() + "/auth/login?invite=" + created.token());
			return "Invite " + created.invite().id() + " created. Copy the link now: it is not shown again.";
		});
	}

	@PostMapping("/invites/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes flash) {
		return act(flash, () -> {
			this.invites.revoke(id);
			return "Invite " + id + " revoked: its link no longer works.";
		});
	}

	private String act(RedirectAttributes flash, Supplier<String> action) {
		try {
			flash.addFlashAttribute("notice", action.get());
		}
		catch (InvalidFilterException | ActionRefusedException | NotFoundException ex) {
			flash.addFlashAttribute("problem", ex.getMessage());
		}
		return PAGE;
	}

	/** Users the attach form offers, by name. */
	private List<Map<String, Object>> userChoices() {
		return this.jdbc.queryForList("SELECT id, coalesce(display_name, spotify_user_id, 'user ' || id) AS name,"
				+ " spotify_app_id FROM users ORDER BY lower(coalesce(display_name, spotify_user_id, '')), id LIMIT 1000");
	}

	private String publicBase() {
		String base = this.operations.apiBaseUrl();
		return (base == null) ? "" : base.strip().replaceAll("/+$", "");
	}

}
