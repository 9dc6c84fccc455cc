package org.spotifymcp.api.oauth;

import java.util.List;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Browser-based MCP clients (the Inspector, web apps) run discovery, registration and the
 * token exchange from their own origin. Those endpoints carry no cookies and are
 * protected by PKCE and client ids, so any origin may call them; the sign-in and consent
 * pages are navigations, not cross-origin calls, and get no CORS.
 */
final class OAuthCors {

	private OAuthCors() {
	}

	static CorsConfigurationSource openEndpoints() {
		CorsConfiguration open = new CorsConfiguration();
		open.setAllowedOriginPatterns(List.of("*"));
		open.setAllowCredentials(false);
		open.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		open.setAllowedHeaders(List.of("Authorization", "Content-Type", "Mcp-Protocol-Version"));
		open.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/oauth-protected-resource",
				"/.well-known/oauth-protected-resource/**", "/oauth2/register", "/oauth2/token", "/oauth2/revoke",
				"/oauth2/jwks")) {
			source.registerCorsConfiguration(path, open);
		}
		return source;
	}

}
