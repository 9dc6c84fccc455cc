package org.spotifymcp.api.oauth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sends a listener who is not signed in from {@code /oauth2/authorize} to the sign-in
 * page, remembering the authorization request to return to afterwards.
 */
final class SignInEntryPoint implements AuthenticationEntryPoint {

	/** Session attribute with the authorization request URL to resume. */
	static final String RESUME = SignInEntryPoint.class.getName() + ".resume";

	static final String SIGN_IN = "/oauth2/signin";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/oauth2/authorize")) {
			String query = request.getQueryString();
			request.getSession().setAttribute(RESUME, request.getRequestURI() + ((query != null) ? "?" + query : ""));
			response.sendRedirect(request.getContextPath() + SIGN_IN);
			return;
		}
		response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
	}

}
