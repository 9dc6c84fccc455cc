package org.spotifymcp.api.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for {@code /mcp}: which authorization
 * server issues its tokens and which scopes it knows. Served at the root name and at the
 * path-suffixed name that MCP clients derive from the resource URL.
 */
@RestController
class ProtectedResourceController {

	private final McpResource resource;

	ProtectedResourceController(McpResource resource) {
		this.resource = resource;
	}

	@GetMapping(path = { "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> metadata() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("resource", this.resource.mcpUrl());
		body.put("authorization_servers", List.of(this.resource.issuer()));
		body.put("scopes_supported", McpResource.SCOPES);
		body.put("bearer_methods_supported", List.of("header"));
		body.put("resource_name", "Spotify listening history (MCP)");
		return body;
	}

}
