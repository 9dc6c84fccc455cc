package org.spotifymcp.api.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.spotifymcp.shared.admin.AdminCredentials;
import org.spotifymcp.shared.admin.FailedLoginThrottle;
import org.spotifymcp.shared.config.AdminProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /admin/**}: a bearer {@code ADMIN_TOKEN} or HTTP basic credentials, per
 * {@code ADMIN_AUTH_MODE}, compared in constant time; failures get a problem body
 * ({@link AdminProblems}). Failed attempts are counted per client IP and an IP over the
 * limit gets 429 before its credentials are checked.
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "ADMIN_TOKEN, when ADMIN_AUTH_MODE=token")
@SecurityScheme(name = "adminBasic", type = SecuritySchemeType.HTTP, scheme = "basic",
		description = "ADMIN_USERNAME/ADMIN_PASSWORD, when ADMIN_AUTH_MODE=basic")
public class AdminSecurityConfiguration {

	static final String ADMIN_ROLE = "ROLE_ADMIN";

	@Bean
	@Order(10)
	SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, AdminProperties admin, FailedLoginThrottle throttle)
			throws Exception {
		AuthenticationManager manager = (authentication) -> verify(admin, authentication);
		AuthenticationFilter filter = new AuthenticationFilter(manager, converterFor(admin));
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler((request, response, exception) -> {
			throttle.recordFailure(request.getRemoteAddr());
			AdminProblems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid admin credentials");
		});
		http.securityMatcher("/admin/**")
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterAt(filter, BasicAuthenticationFilter.class)
			.addFilterBefore(new ThrottleFilter(throttle), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ADMIN_ROLE))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, exception) -> AdminProblems.write(request, response,
						HttpStatus.UNAUTHORIZED, "admin credentials required: " + expected(admin)))
				.accessDeniedHandler((request, response, exception) -> AdminProblems.write(request, response,
						HttpStatus.FORBIDDEN, "admin role required")));
		return http.build();
	}

	/** Refuses clients whose failed attempts used up their allowance. */
	private static final class ThrottleFilter extends OncePerRequestFilter {

		private final FailedLoginThrottle throttle;

		ThrottleFilter(FailedLoginThrottle throttle) {
			this.throttle = throttle;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, java.io.IOException {
			String clientIp = request.getRemoteAddr();
			if (this.throttle.allows(clientIp)) {
				chain.doFilter(request, response);
				return;
			}
			response.setHeader("Retry-After", String.valueOf(this.throttle.secondsUntilAllowed(clientIp)));
			AdminProblems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"too many failed admin logins from this address; retry later");
		}

	}

	private static AuthenticationConverter converterFor(AdminProperties admin) {
		if (admin.authMode() == AdminProperties.AuthMode.BASIC) {
			return new BasicAuthenticationConverter();
		}
		return AdminSecurityConfiguration::bearerToken;
	}

	private static Authentication bearerToken(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return UsernamePasswordAuthenticationToken.unauthenticated("admin", header.substring(7).trim());
	}

	private static Authentication verify(AdminProperties admin, Authentication presented) {
		if (!AdminCredentials.matches(admin, admin.authMode(), presented.getName(),
				String.valueOf(presented.getCredentials()))) {
			throw new BadCredentialsException("invalid admin credentials");
		}
		return UsernamePasswordAuthenticationToken.authenticated("admin", null,
				List.of(new SimpleGrantedAuthority(ADMIN_ROLE)));
	}

	/** Compares digests so neither content nor length leaks through timing. */
	static boolean constantTimeEquals(String presented, String expected) {
		return AdminCredentials.constantTimeEquals(presented, expected);
	}

	private static String expected(AdminProperties admin) {
		return (admin.authMode() == AdminProperties.AuthMode.BASIC) ? "HTTP basic"
				: "Authorization: Bearer <ADMIN_TOKEN>";
	}

}
