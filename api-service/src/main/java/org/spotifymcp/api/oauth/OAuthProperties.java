package org.spotifymcp.api.oauth;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * MCP OAuth settings: {@code MCP_ALLOWED_ORIGINS}, {@code MCP_OAUTH_MAX_CLIENTS},
 * {@code MCP_OAUTH_REGISTRATIONS_PER_MINUTE}, {@code MCP_OAUTH_REDIRECT_ALLOWLIST}.
 *
 * @param allowedOrigins browser origins that may call {@code /mcp}; empty means the API's
 * own origin
 * @param maxClients most clients that may register dynamically
 * @param registrationsPerMinute registrations per minute and client IP
 * @param redirectAllowlist hosts redirect URIs may name; empty means any https host and
 * http loopback
 */
@Validated
@ConfigurationProperties("app.oauth")
public record OAuthProperties(List<String> allowedOrigins, @Min(1) @Max(1000000) int maxClients,
		@Min(1) @Max(100000) int registrationsPerMinute, List<String> redirectAllowlist) {

	public OAuthProperties {
		allowedOrigins = clean(allowedOrigins);
		redirectAllowlist = clean(redirectAllowlist).stream().map((host) -> host.toLowerCase(Locale.ROOT)).toList();
	}

	private static List<String> clean(List<String> values) {
		return (values == null) ? List.of() : values.stream().map(String::trim).filter((v) -> !v.isEmpty()).toList();
	}

}
