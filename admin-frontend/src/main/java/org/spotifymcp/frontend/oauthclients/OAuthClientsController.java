package org.spotifymcp.frontend.oauthclients;

import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.oauth.OAuthClientQueries;
import org.spotifymcp.shared.oauth.OAuthClientQueries.Revoked;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assistants connected through MCP OAuth: the registered clients with delete, and the
 * revoke button of the user page's OAuth clients. Clients are named by their internal id,
 * as a metadata-document client id is a URL.
 */
@Controller
class OAuthClientsController {

	private final OAuthClientQueries clients;

	private final UserAdministration users;

	OAuthClientsController(OAuthClientQueries clients, UserAdministration users) {
		this.clients = clients;
		this.users = users;
	}

	@GetMapping("/oauth-clients")
	String list(Model model) {
		model.addAttribute("clients", this.clients.registered());
		return "oauthclients/list";
	}

	@PostMapping("/oauth-clients/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes attributes) {
		Revoked deleted = this.clients.delete(id);
		attributes.addFlashAttribute("notice", "Client " + deleted.clientId() + " deleted; "
				+ deleted.authorizationsRemoved() + " authorization(s) ended.");
		return "redirect:/oauth-clients";
	}

	@PostMapping("/users/{userId}/oauth-clients/{id}/revoke")
	String revoke(@PathVariable int userId, @PathVariable String id, RedirectAttributes attributes) {
		this.users.user(userId);
		Revoked revoked = this.clients.revoke(userId, id);
		attributes.addFlashAttribute("notice", "Access of " + revoked.clientId()
				+ " revoked: its tokens stop working and it must ask for consent again.");
		return "redirect:/users/" + userId + "#oauth-clients";
	}

}
