package org.spotifymcp.api.auth;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.spotifymcp.shared.apps.SpotifyAppInvites;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /auth/login?invite=TOKEN}: an unusable invite (unknown, used, expired, revoked)
 * gets a page saying so before anything goes to Spotify; a usable one is remembered in
 * the browser session until the callback, where the login redeems it. The login itself
 * then runs against the invite's app.
 */
class InviteLogins extends OncePerRequestFilter {

	static final String PARAMETER = "invite";

	private static final String PENDING = InviteLogins.class.getName() + ".pending";

	private final SpotifyAppInvites invites;

	private final AuthPages pages;

	InviteLogins(SpotifyAppInvites invites, AuthPages pages) {
		this.invites = invites;
		this.pages = pages;
	}

	/**
	 * An invite a login of this browser is running with.
	 *
	 * @param inviteId the invite
	 * @param appId its app, {@code null} for the default app
	 */
	record Pending(long inviteId, Integer appId) implements Serializable {

	}

	/** The invite the running login of this browser brought, if any. */
	static Optional<Pending> pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(PENDING) instanceof Pending pending) ? Optional.of(pending)
				: Optional.empty();
	}

	static void forget(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PENDING);
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.equals(SpotifyLoginConfiguration.LOGIN_PATH)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getParameter(PARAMETER);
		if (token == null) {
			// a login without an invite must not pick up one from an earlier, abandoned
			// login
			forget(request);
			chain.doFilter(request, response);
			return;
		}
		SpotifyAppInvites.Lookup invite = this.invites.lookup(token);
		if (!invite.usable()) {
			refuse(response, invite.state());
			return;
		}
		request.getSession(true).setAttribute(PENDING, new Pending(invite.inviteId(), invite.appId()));
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, SpotifyAppInvites.State state) throws IOException {
		LoginFailurePages.Problem problem = problemFor(state);
		response.setStatus(problem.status().value());
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(this.pages.inviteProblem(problem.title(), problem.explanation()));
	}

	static LoginFailurePages.Problem problemFor(SpotifyAppInvites.State state) {
		return switch (state) {
			case USED -> new LoginFailurePages.Problem(org.springframework.http.HttpStatus.GONE, "Invite already used",
					"This invite link has already been used to connect a Spotify account; each link works once. "
							+ "If that was you, sign in at /me. Otherwise ask the admin for a new link.");
			case EXPIRED -> new LoginFailurePages.Problem(org.springframework.http.HttpStatus.GONE, "Invite expired",
					"This invite link has expired. Ask the admin for a new one.");
			case REVOKED -> new LoginFailurePages.Problem(org.springframework.http.HttpStatus.GONE, "Invite withdrawn",
					"The admin withdrew this invite link. Ask them for a new one.");
			default -> new LoginFailurePages.Problem(org.springframework.http.HttpStatus.NOT_FOUND, "Invite not found",
					"This invite link is not valid. Check that you copied the whole link, or ask the admin for a "
							+ "new one.");
		};
	}

}
