package org.spotifymcp.api.oauth;

import org.spotifymcp.api.mcp.McpOAuthBearer;
import org.spotifymcp.shared.config.OperationsProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * {@code /mcp} as an OAuth protected resource: our access tokens are accepted beside the
 * static tokens, the Origin is checked before anything else, and OAuth callers' scopes
 * are checked after authentication.
 */
@Configuration(proxyBeanMethods = false)
class McpProtectionConfiguration {

	/** Spring Security's filter chain runs at -100; the scope check needs its result. */
	private static final int AFTER_SECURITY = -99;

	@Bean
	McpOAuthBearer mcpOAuthBearer(SigningKeySource keys, OAuth2AuthorizationService authorizations,
			McpResource resource) {
		return new McpAccessTokens(keys, authorizations, resource);
	}

	@Bean
	FilterRegistrationBean<McpOriginFilter> mcpOriginFilter(McpResource resource, OAuthProperties properties,
			OperationsProperties operations) {
		FilterRegistrationBean<McpOriginFilter> registration = new FilterRegistrationBean<>(
				new McpOriginFilter(resource, properties.allowedOrigins(), operations.corsAllowedOrigins()));
		registration.addUrlPatterns("/mcp", "/mcp/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<McpScopeFilter> mcpScopeFilter(McpResource resource) {
		FilterRegistrationBean<McpScopeFilter> registration = new FilterRegistrationBean<>(
				new McpScopeFilter(resource));
		registration.addUrlPatterns("/mcp", "/mcp/call");
		registration.setOrder(AFTER_SECURITY);
		return registration;
	}

}
