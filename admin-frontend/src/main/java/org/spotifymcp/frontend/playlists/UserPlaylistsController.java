package org.spotifymcp.frontend.playlists;

import org.spotifymcp.frontend.web.Flash;
import org.spotifymcp.shared.playlists.PlaylistPreferences;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The top-hits playlist panel of the user page ({@code users/playlists.html}): turn kinds
 * on and off, set the size, update now. The panel reads its state from
 * {@link PlaylistPreferences} itself, so the user page needs nothing extra.
 */
@Controller
class UserPlaylistsController {

	private final PlaylistPreferences playlists;

	UserPlaylistsController(PlaylistPreferences playlists) {
		this.playlists = playlists;
	}

	@PostMapping("/users/{id}/playlists")
	String save(@PathVariable int id, @RequestParam(name = "kinds", required = false) String[] kinds,
			@RequestParam(name = "size", required = false) Integer size, RedirectAttributes attributes) {
		boolean[] reconnect = { false };
		boolean saved = Flash.perform(attributes, "Playlists of user " + id + " saved.",
				() -> reconnect[0] = this.playlists.change(id, kinds, size).reconnectRequired());
		if (saved && reconnect[0]) {
			attributes.addFlashAttribute("notice", "Playlists of user " + id + " saved. The listener must reconnect "
					+ "Spotify (" + PlaylistPreferences.RECONNECT_PATH + ") before anything is written.");
		}
		return "redirect:/users/" + id + "#playlists";
	}

	@PostMapping("/users/{id}/playlists/update")
	String updateNow(@PathVariable int id, RedirectAttributes attributes) {
		Flash.perform(attributes, "Playlist update queued for user " + id + "; it starts within seconds.",
				() -> this.playlists.updateNow(id));
		return "redirect:/users/" + id + "#playlists";
	}

}
