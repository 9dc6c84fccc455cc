package org.spotifymcp.api.me.settings;

import java.time.ZoneId;
import java.util.List;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.UserAdministration;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The listener's display name and time zone (days and hours on every page use it). */
@Controller
class SettingsController {

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final UserAdministration users;

	SettingsController(UserAdministration users) {
		this.users = users;
	}

	@GetMapping("/me/settings")
	String page(Model model) {
		model.addAttribute("zones", ZONES);
		return "me/settings";
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
