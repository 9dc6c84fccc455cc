package org.spotifymcp.frontend.login;

import java.util.List;

import org.spotifymcp.shared.admin.AdminCredentials;
import org.spotifymcp.shared.admin.FailedLoginThrottle;
import org.spotifymcp.shared.config.AdminProperties;
import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The admin UI's login: a form per {@code FRONTEND_AUTH_MODE} (the admin token, or user
 * name and password) checked in constant time, then a session cookie (HttpOnly,
 * SameSite=Lax, Secure when the request came over HTTPS). Every form carries a CSRF
 * token; responses carry CSP, frame-deny and referrer headers. Failed logins are
 * throttled per client IP like the admin API's.
 */
@Configuration(proxyBeanMethods = false)
class FrontendSecurityConfiguration {

	static final String ADMIN_ROLE = "ROLE_ADMIN";

	// Scripts only from this origin (htmx, Chart.js and our own files); chart data
	// travels
	// in JSON script blocks that are never executed.
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	@Bean
	SecurityFilterChain frontendSecurityFilterChain(HttpSecurity http, FailedLoginThrottle throttle) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/healthz", "/actuator/health/**", "/actuator/prometheus", "/error", "/login", "/css/**",
					"/js/**", "/webjars/**", "/favicon.ico")
			.permitAll()
			.anyRequest()
			.hasAuthority(ADMIN_ROLE))
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", true)
				.failureHandler((request, response, exception) -> {
					throttle.recordFailure(request.getRemoteAddr());
					response.sendRedirect(request.getContextPath() + "/login?error");
				}))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions((frame) -> frame.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	AuthenticationProvider adminLoginProvider(AdminProperties admin, OperationsProperties operations) {
		AdminProperties.AuthMode mode = (operations.frontendAuthMode() != null) ? operations.frontendAuthMode()
				: AdminProperties.AuthMode.TOKEN;
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				String secret = String.valueOf(authentication.getCredentials());
				if (!AdminCredentials.matches(admin, mode, authentication.getName(), secret)) {
					throw new BadCredentialsException("invalid admin credentials");
				}
				String name = (mode == AdminProperties.AuthMode.BASIC) ? authentication.getName() : "admin";
				return UsernamePasswordAuthenticationToken.authenticated(name, null,
						List.of(new SimpleGrantedAuthority(ADMIN_ROLE)));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

}
