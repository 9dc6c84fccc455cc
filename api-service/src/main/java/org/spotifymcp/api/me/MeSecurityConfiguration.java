package org.spotifymcp.api.me;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the listener's space {@code /me/**}: a session bound to a user by the Spotify
 * login or by a pasted MCP token; session CSRF tokens on every form. The security context
 * is rebuilt from the session's user id on every request (never taken from the Spotify
 * login's own context), so a deleted user's session stops working at once.
 */
@Configuration(proxyBeanMethods = false)
class MeSecurityConfiguration {

	static final String LISTENER_ROLE = "ROLE_LISTENER";

	static final String SIGN_IN = "/me/sign-in";

	// Scripts only from this origin (htmx, Chart.js and our own files); chart data
	// travels
	// in data attributes that are never executed. Pictures only from this origin and the
	// catalog's image hosts (Spotify's CDN), never any https: site.
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' %s; connect-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern
		.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

	/**
	 * The CSP of the listener's pages.
	 * @param imageOrigins the origins album covers and artist images load from, separated
	 * by commas or spaces ({@code app.me.image-origins})
	 * @return the policy
	 */
	static String contentSecurityPolicy(String imageOrigins) {
		List<String> origins = java.util.Arrays.stream(imageOrigins.trim().split("[,\\s]+"))
			.filter((origin) -> !origin.isEmpty())
			.toList();
		for (String origin : origins) {
			if (!ORIGIN.matcher(origin).matches()) {
				throw new IllegalStateException("app.me.image-origins: '" + origin
						+ "' is no origin; write it as https://host or https://host:port");
			}
		}
		return CONTENT_SECURITY_POLICY.formatted(String.join(" ", origins)).replace("'self' ;", "'self';");
	}

	@Bean
	@Order(40)
	SecurityFilterChain listenerSecurityFilterChain(HttpSecurity http, UserRepository users,
			@Value("${app.me.image-origins:https://i.scdn.co}") String imageOrigins) throws Exception {
		String policy = contentSecurityPolicy(imageOrigins);
		http.securityMatcher("/me", "/me/**")
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.addFilterAt(new ListenerFilter(users), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((
					requests) -> requests.requestMatchers(SIGN_IN).permitAll().anyRequest().hasAuthority(LISTENER_ROLE))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(
					(request, response, exception) -> response.sendRedirect(request.getContextPath() + SIGN_IN)))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(policy))
				.frameOptions((frame) -> frame.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/** Turns the session's user id into the request's {@link Listener}. */
	static final class ListenerFilter extends OncePerRequestFilter {

		private final UserRepository users;

		ListenerFilter(UserRepository users) {
			this.users = users;
		}

		// Downloads stream on an async dispatch and errors render on an error dispatch:
		// both are authorized again, so the listener must be known there too.
		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return false;
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Integer userId = ListenerSession.userId(request);
			Optional<User> user = (userId != null) ? this.users.findById(userId) : Optional.empty();
			if (userId != null && user.isEmpty()) {
				ListenerSession.signOut(request);
			}
			user.map(Listener::of)
				.ifPresent((listener) -> SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(listener, null,
							List.of(new SimpleGrantedAuthority(LISTENER_ROLE)))));
			chain.doFilter(request, response);
		}

	}

}
