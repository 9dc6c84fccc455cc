package org.spotifymcp.api.me.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.api.me.ListenerSession;
import org.spotifymcp.shared.mcptokens.McpToken;
import org.spotifymcp.shared.mcptokens.McpTokenService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in to the listener's space: Spotify's login (which applies the allowlist), or
 * for users without a Spotify link a personal MCP token pasted once.
 */
@Controller
class ListenerSignInController {

	private static final Logger logger = LoggerFactory.getLogger(ListenerSignInController.class);

	private final McpTokenService tokens;

	ListenerSignInController(McpTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/me/sign-in")
	String page() {
		return "me/sign-in";
	}

	@PostMapping("/me/sign-in")
	String withToken(@RequestParam(name = "token", defaultValue = "") String token, HttpServletRequest request,
			Model model) {
		java.util.Optional<McpToken> found = this.tokens.authenticate(token.strip());
		if (found.isEmpty()) {
			model.addAttribute("problem", "That token is unknown or revoked. Check that you pasted all of it "
					+ "(it starts with smcp_), or ask your admin for a new one.");
			return "me/sign-in";
		}
		ListenerSession.signIn(request, found.get().getUserId());
		logger.info("Listener {} signed in with MCP token {}", found.get().getUserId(), found.get().getId());
		return "redirect:/me";
	}

	@PostMapping("/me/sign-out")
	String signOut(HttpServletRequest request) {
		if (request.getSession(false) != null) {
			request.getSession(false).invalidate();
		}
		return "redirect:/me/sign-in?signedout";
	}

}
