package org.spotifymcp.frontend.login;

import org.spotifymcp.shared.config.AdminProperties;
import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page: a token field or user name and password, per
 * {@code FRONTEND_AUTH_MODE}.
 */
@Controller
class LoginController {

	private final OperationsProperties operations;

	LoginController(OperationsProperties operations) {
		this.operations = operations;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("basicMode", this.operations.frontendAuthMode() == AdminProperties.AuthMode.BASIC);
		return "login";
	}

}
