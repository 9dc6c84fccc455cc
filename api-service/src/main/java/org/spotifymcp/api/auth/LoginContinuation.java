package org.spotifymcp.api.auth;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Lets another flow borrow the Spotify login: it names a local path to continue at after
 * a successful login (instead of {@code /auth/connected}) and then reads which of our
 * users connected. The MCP OAuth sign-in uses this.
 */
public final class LoginContinuation {

	private static final String CONTINUE_AT = LoginContinuation.class.getName() + ".continue";

	private LoginContinuation() {
	}

	/**
	 * Continue at a local path after the next successful login of this browser.
	 * @param session the browser session
	 * @param path a path on this server, starting with a single {@code /}
	 */
	public static void continueAt(HttpSession session, String path) {
		if (!path.startsWith("/") || path.startsWith("//")) {
			throw new IllegalArgumentException("not a local path: " + path);
		}
		session.setAttribute(CONTINUE_AT, path);
	}

	/**
	 * Our user id of the Spotify account this browser connected last.
	 * @param session the browser session
	 * @return the user id, empty when no login completed in this session
	 */
	public static Optional<Integer> connectedUserId(HttpSession session) {
		return (session
			.getAttribute(SpotifyLoginStore.CONNECTED_ACCOUNT) instanceof SpotifyLoginStore.ConnectedAccount account)
					? Optional.of(account.userId()) : Optional.empty();
	}

	/**
	 * Where a completed login goes: the requested continuation once, else the fallback.
	 */
	static String target(HttpServletRequest request, String fallback) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(CONTINUE_AT) instanceof String path) {
			session.removeAttribute(CONTINUE_AT);
			return path;
		}
		return fallback;
	}

}
