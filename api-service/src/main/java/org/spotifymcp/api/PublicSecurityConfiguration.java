package org.spotifymcp.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the admin, MCP and listener areas: health, metrics, the OAuth pages
 * and the pages' static files are public; any other path is refused.
 */
@Configuration(proxyBeanMethods = false)
class PublicSecurityConfiguration {

	@Bean
	@Order(100)
	SecurityFilterChain publicSecurityFilterChain(HttpSecurity http) throws Exception {
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/mcp/**", "/mcp"))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/healthz", "/actuator/health/**", "/actuator/prometheus", "/auth/**", "/error",
						"/openapi.json", "/css/**", "/js/**", "/webjars/**", "/favicon.ico")
				.permitAll()
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
