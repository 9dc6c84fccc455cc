package org.spotifymcp.api;

import java.util.List;

import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Browser access from other origins ({@code CORS_ALLOWED_ORIGINS}), e.g. a web-based MCP
 * client. Empty means same-origin only. Spring Security picks this bean up by name for
 * every chain.
 */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration {

	@Bean
	CorsConfigurationSource corsConfigurationSource(OperationsProperties operations) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (operations.corsAllowedOrigins().isEmpty()) {
			return source;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(operations.corsAllowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "DELETE", "PATCH", "OPTIONS"));
		configuration.setAllowedHeaders(
				List.of("Authorization", "Content-Type", "Mcp-Session-Id", "Mcp-Protocol-Version", "Last-Event-ID"));
		configuration.setExposedHeaders(List.of("Mcp-Session-Id", "Retry-After"));
		configuration.setMaxAge(3600L);
		source.registerCorsConfiguration("/mcp/**", configuration);
		source.registerCorsConfiguration("/mcp", configuration);
		source.registerCorsConfiguration("/openapi.json", configuration);
		source.registerCorsConfiguration("/admin/**", configuration);
		return source;
	}

}
