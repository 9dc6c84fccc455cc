package org.spotifymcp.api.oauth;

import java.net.URI;
import java.util.List;

import org.spotifymcp.shared.config.OperationsProperties;

/**
 * The public addresses of this deployment as OAuth names them: the issuer is
 * {@code API_BASE_URL}, the protected resource (and every access token's audience) is
 * {@code API_BASE_URL/mcp}.
 *
 * @param issuer the authorization server's issuer
 * @param mcpUrl the canonical MCP URL
 * @param origin the scheme, host and port of {@code API_BASE_URL}
 */
record McpResource(String issuer, String mcpUrl, String origin) {

	static final String HISTORY_READ = "history:read";

	static final String SPOTIFY_READ = "spotify:read";

	/** Tools that write to the listener's Spotify account (new playlists). */
	static final String SPOTIFY_WRITE = "spotify:write";

	static final List<String> SCOPES = List.of(HISTORY_READ, SPOTIFY_READ, SPOTIFY_WRITE);

	static McpResource of(OperationsProperties operations) {
		String base = operations.apiBaseUrl();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		URI uri = URI.create(base);
		String origin = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		return new McpResource(base, base + "/mcp", origin);
	}

	String protectedResourceMetadataUrl() {
		return this.issuer + "/.well-known/oauth-protected-resource/mcp";
	}

	/** Whether an RFC 8707 {@code resource} value names our MCP endpoint. */
	boolean isOurs(String resource) {
		String trimmed = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
		return trimmed.equals(this.mcpUrl);
	}

	/** The 401 challenge that points clients at the protected resource metadata. */
	String challenge() {
		return "Bearer resource_metadata=\"" + protectedResourceMetadataUrl() + "\", scope=\"" + HISTORY_READ + "\"";
	}

}
