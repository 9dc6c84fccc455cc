package org.spotifymcp.frontend;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health and metrics are public; every page needs an admin session.
 */
@Configuration(proxyBeanMethods = false)
class FrontendSecurityConfiguration {

	@Bean
	SecurityFilterChain frontendSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/healthz", "/actuator/health/**", "/actuator/prometheus", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
				.frameOptions((frame) -> frame.deny()));
		return http.build();
	}

}
