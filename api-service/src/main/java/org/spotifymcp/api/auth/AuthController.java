package org.spotifymcp.api.auth;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages around the OAuth flow: a start page, the success page with next steps, and
 * the page after logout. {@code /auth/login}, {@code /auth/callback} and
 * {@code /auth/logout} themselves are Spring Security filters.
 */
@RestController
class AuthController {

	private final AuthPages pages;

	AuthController(AuthPages pages) {
		this.pages = pages;
	}

	@GetMapping(path = "/auth", produces = MediaType.TEXT_HTML_VALUE)
	String landing() {
		return this.pages.landing();
	}

	@GetMapping(path = "/auth/connected", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> connected(HttpSession session, CsrfToken csrf) {
		Object account = session.getAttribute(SpotifyLoginStore.CONNECTED_ACCOUNT);
		if (!(account instanceof SpotifyLoginStore.ConnectedAccount connected)) {
			return ResponseEntity.status(401).contentType(MediaType.TEXT_HTML).body(this.pages.notConnected());
		}
		String name = (connected.displayName() != null) ? connected.displayName() : connected.spotifyId();
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_HTML)
			.body(this.pages.connected(name, csrf.getParameterName(), csrf.getToken()));
	}

	@GetMapping(path = "/auth/logged-out", produces = MediaType.TEXT_HTML_VALUE)
	String loggedOut() {
		return this.pages.loggedOut();
	}

}
