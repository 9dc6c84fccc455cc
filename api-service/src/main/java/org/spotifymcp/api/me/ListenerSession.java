package org.spotifymcp.api.me;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Which listener a browser session belongs to. Only the user id is kept: the name and
 * zone are read fresh on every request, so a deleted account ends every session at once.
 */
public final class ListenerSession {

	/** Session attribute holding the signed-in user's id. */
	static final String USER_ID = ListenerSession.class.getName() + ".userId";

	private ListenerSession() {
	}

	/**
	 * Binds the browser to a listener. The session id changes so a session id planted
	 * before sign-in is worthless afterwards.
	 * @param request the sign-in request
	 * @param userId the listener
	 */
	public static void signIn(HttpServletRequest request, int userId) {
		request.getSession(true);
		request.changeSessionId();
		request.getSession().setAttribute(USER_ID, userId);
	}

	/**
	 * The listener signed in to this browser, if any (the login asks Spotify for more
	 * scopes for listeners who need them).
	 * @param request any request
	 * @return the user id, or null
	 */
	public static Integer signedInUserId(HttpServletRequest request) {
		return userId(request);
	}

	static Integer userId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(USER_ID) instanceof Integer id) ? id : null;
	}

	static void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
