package org.spotifymcp.frontend.login;

import java.io.IOException;

import org.spotifymcp.shared.admin.FailedLoginThrottle;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends login attempts from an address over its failure allowance back to the login page
 * without checking them.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final FailedLoginThrottle throttle;

	LoginThrottleFilter(FailedLoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientIp = request.getRemoteAddr();
		if (this.throttle.allows(clientIp)) {
			chain.doFilter(request, response);
			return;
		}
		response
			.sendRedirect(request.getContextPath() + "/login?throttled=" + this.throttle.secondsUntilAllowed(clientIp));
	}

}
