package org.spotifymcp.api.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Turns a failed login into a page a person understands: consent denied, an expired or
 * tampered state, a code used twice, a user not on the allowlist, or Spotify not
 * answering. Nothing has been stored when this runs.
 */
class LoginFailurePages implements AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoginFailurePages.class);

	private final AuthPages pages;

	LoginFailurePages(AuthPages pages) {
		this.pages = pages;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: "unknown";
		Problem problem = problemFor(code);
		logger.info("Spotify login failed: {}", code);
		response.setStatus(problem.status().value());
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(this.pages.problem(problem.title(), problem.explanation()));
	}

	static Problem problemFor(String code) {
		return switch (code) {
			case "access_denied" -> new Problem(HttpStatus.FORBIDDEN, "Access not granted",
					"You chose not to give access to your Spotify account, so nothing was connected.");
			case "authorization_request_not_found", "invalid_state_parameter" ->
				new Problem(HttpStatus.BAD_REQUEST, "Login expired",
						"This login link has expired or was changed on the way. Please start the login again.");
			case "invalid_grant" -> new Problem(HttpStatus.BAD_REQUEST, "Login link already used",
					"Spotify refused the login code: it was already used or has expired. Please start the login again.");
			case SpotifyLoginUserService.NOT_ALLOWED -> new Problem(HttpStatus.FORBIDDEN, "Not allowed",
					"This Spotify account is not allowed to use this service. Nothing was stored. Ask the admin for "
							+ "an invite link or to add your Spotify user id.");
			case SpotifyLoginUserService.INVITE_REQUIRED -> new Problem(HttpStatus.FORBIDDEN, "Invite needed",
					"This login ran through a Spotify app that is kept for invited listeners. Nothing was stored. "
							+ "Use the invite link the admin gave you.");
			case SpotifyLoginStore.INVITE_USED -> new Problem(HttpStatus.GONE, "Invite no longer valid",
					"While you were at Spotify this invite link was used by another login, expired or was withdrawn; "
							+ "each link works once. Nothing was stored. Ask the admin for a new link.");
			case "invalid_token_response", "invalid_user_info_response", "server_error", "temporarily_unavailable",
					SpotifyLoginUserService.SPOTIFY_UNAVAILABLE ->
				new Problem(HttpStatus.BAD_GATEWAY, "Spotify is not answering",
						"Spotify did not answer properly just now. Nothing was stored. Please try again in a few "
								+ "minutes.");
			default -> new Problem(HttpStatus.BAD_REQUEST, "Login failed",
					"The login could not be completed (" + code + "). Please start the login again.");
		};
	}

	record Problem(HttpStatus status, String title, String explanation) {
	}

}
