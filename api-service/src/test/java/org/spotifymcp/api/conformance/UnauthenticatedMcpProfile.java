package org.spotifymcp.api.conformance;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test profile {@value #PROFILE}: {@code /mcp} served without credentials, as one seeded
 * user, because the conformance suite's {@code server} command cannot send a token. It
 * lives in test sources only, so no production configuration can switch it on. Requests
 * without {@code Authorization} get the seeded user's per-user MCP token added before
 * Spring Security runs, so everything after (rate limit, scopes, tools) is the production
 * path; the Origin check runs before it, untouched.
 */
@TestConfiguration(proxyBeanMethods = false)
@Profile(UnauthenticatedMcpProfile.PROFILE)
public class UnauthenticatedMcpProfile {

	public static final String PROFILE = "test-unauthenticated-mcp";

	/** After the Origin filter (highest + 10), before Spring Security (-100). */
	private static final int BEFORE_SECURITY = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	SeededCaller seededCaller() {
		return new SeededCaller();
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> unauthenticatedMcp(SeededCaller caller) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						String token = caller.token.get();
						boolean anonymous = request.getHeader("Authorization") == null;
						chain.doFilter((anonymous && token != null) ? withBearer(request, token) : request, response);
					}
				});
		registration.addUrlPatterns("/mcp", "/mcp/*");
		registration.setOrder(BEFORE_SECURITY);
		return registration;
	}

	private static HttpServletRequest withBearer(HttpServletRequest request, String token) {
		return new HttpServletRequestWrapper(request) {
			@Override
			public String getHeader(String name) {
				return "Authorization".equalsIgnoreCase(name) ? "Bearer " + token : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return "Authorization".equalsIgnoreCase(name)
						? Collections.enumeration(java.util.List.of("Bearer " + token)) : super.getHeaders(name);
			}
		};
	}

	/**
	 * The per-user MCP token anonymous requests are served with; set by the test once it
	 * has seeded the user (the database is migrated only after the beans exist).
	 */
	public static final class SeededCaller {

		private final AtomicReference<String> token = new AtomicReference<>();

		public void serveAs(String perUserToken) {
			this.token.set(perUserToken);
		}

	}

}
