package org.spotifymcp.api.me.settings;

import java.time.ZoneId;
import java.util.List;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.playlists.PlaylistStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The listener's display name and time zone (days and hours on every page use it), and
 * their top-hits playlists in Spotify.
 */
@Controller
class SettingsController {

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final UserAdministration users;

	private final PlaylistPreferences playlists;

	SettingsController(UserAdministration users, PlaylistPreferences playlists) {
		this.users = users;
		this.playlists = playlists;
	}

	@GetMapping("/me/settings")
	String page(@AuthenticationPrincipal Listener listener, Model model) {
		model.addAttribute("zones", ZONES);
		model.addAttribute("playlists", this.playlists.status(listener.userId()));
		model.addAttribute("reconnectPath", PlaylistPreferences.RECONNECT_PATH);
		return "me/settings";
	}

	@PostMapping("/me/settings/playlists")
	String savePlaylists(@AuthenticationPrincipal Listener listener,
			@RequestParam(name = "kinds", required = false) String[] kinds,
			@RequestParam(name = "size", required = false) Integer size, RedirectAttributes redirect) {
		try {
			PlaylistStatus status = this.playlists.change(listener.userId(), kinds, size);
			redirect.addFlashAttribute("notice",
					status.reconnectRequired()
							? "Saved. Reconnect Spotify to allow writing playlists; nothing is written until then."
							: "Playlists saved.");
		}
		catch (InvalidFilterException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/me/settings";
	}

	@PostMapping("/me/settings/playlists/update")
	String updatePlaylists(@AuthenticationPrincipal Listener listener, RedirectAttributes redirect) {
		try {
			this.playlists.updateNow(listener.userId());
			redirect.addFlashAttribute("notice", "Your playlists are being updated; this takes a minute.");
		}
		catch (ActionRefusedException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/me/settings";
	}

	@PostMapping("/me/settings")
	String save(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String timeZone, RedirectAttributes redirect) {
		try {
			this.users.update(listener.userId(), displayName.isBlank() ? null : displayName,
					timeZone.isBlank() ? null : timeZone);
			redirect.addFlashAttribute("notice", "Saved.");
		}
		catch (InvalidFilterException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/me/settings";
	}

}
