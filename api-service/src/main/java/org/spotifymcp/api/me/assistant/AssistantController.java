package org.spotifymcp.api.me.assistant;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.oauth.OAuthClientQueries;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Connect your assistant: the MCP URL, how to add it to claude.ai, ChatGPT and Claude
 * Code, and the listener's own MCP tokens (secret shown once, revocable).
 */
@Controller
class AssistantController {

	private final McpTokenService tokens;

	private final OAuthClientQueries apps;

	AssistantController(McpTokenService tokens, OAuthClientQueries apps) {
		this.tokens = tokens;
		this.apps = apps;
	}

	@GetMapping("/me/assistant")
	String page(@AuthenticationPrincipal Listener listener, Model model) {
		model.addAttribute("mcpUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/mcp").toUriString());
		model.addAttribute("tokens", this.tokens.listFor(listener.userId()));
		model.addAttribute("apps", this.apps.authorizedBy(listener.userId()));
		return "me/assistant";
	}

	@PostMapping("/me/assistant/tokens")
	String create(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String name,
			RedirectAttributes redirect) {
		String label = name.isBlank() ? "Personal token" : name.strip();
		if (label.length() > 100) {
			redirect.addFlashAttribute("problem", "The token name is too long (at most 100 characters).");
			return "redirect:/me/assistant";
		}
		redirect.addFlashAttribute("issuedSecret", this.tokens.issue(listener.userId(), label).secret());
		return "redirect:/me/assistant#tokens";
	}

	@PostMapping("/me/assistant/apps/{id}/revoke")
	String revokeApp(@AuthenticationPrincipal Listener listener, @PathVariable String id, RedirectAttributes redirect) {
		OAuthClientQueries.Revoked revoked = this.apps.revoke(listener.userId(), id);
		if (revoked.authorizationsRemoved() == 0 && !revoked.consentRemoved()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "App disconnected: it can no longer read your history.");
		return "redirect:/me/assistant#apps";
	}

	@PostMapping("/me/assistant/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal Listener listener, @PathVariable long id, RedirectAttributes redirect) {
		boolean own = this.tokens.listFor(listener.userId()).stream().anyMatch((token) -> token.getId() == id);
		if (!own) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		this.tokens.revoke(id);
		redirect.addFlashAttribute("notice", "Token revoked: assistants using it lose access now.");
		return "redirect:/me/assistant#tokens";
	}

}
