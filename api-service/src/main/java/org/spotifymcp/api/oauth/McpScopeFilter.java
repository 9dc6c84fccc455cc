package org.spotifymcp.api.oauth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.spotifymcp.api.mcp.BufferedRequest;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Scopes of OAuth callers: a tool call needs {@code spotify:read} for the live Spotify
 * tools, {@code spotify:write} for the tools that write to Spotify (playlists) and
 * {@code history:read} for every other tool; without it the answer is 403 with
 * {@code error="insufficient_scope"} naming the scope, so the client can ask for it.
 * Static tokens carry no scopes and pass untouched.
 */
final class McpScopeFilter extends OncePerRequestFilter {

	private final JsonMapper json = JsonMapper.builder().build();

	private final McpResource resource;

	McpScopeFilter(McpResource resource) {
		this.resource = resource;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request.getAttribute(McpAccessTokens.SCOPES) instanceof Set<?> granted)
				|| !"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		String missing = missingScope(request.getRequestURI().endsWith("/mcp/call"), body, granted);
		if (missing != null) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + missing
					+ "\", resource_metadata=\"" + this.resource.protectedResourceMetadataUrl() + "\"");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"status\":403,\"error\":\"insufficient_scope\",\"message\":\"this tool needs the scope "
						+ missing + ", which the access token was not granted\"}");
			return;
		}
		chain.doFilter(new BufferedRequest(request, body), response);
	}

	static String neededScope(String tool) {
		if (tool.startsWith("playlists_") || tool.startsWith("playlists.")) {
			return McpResource.SPOTIFY_WRITE;
		}
		return (tool.startsWith("spotify_") || tool.startsWith("spotify.")) ? McpResource.SPOTIFY_READ
				: McpResource.HISTORY_READ;
	}

	/** The first scope a tool call in the body needs but was not granted, or null. */
	private String missingScope(boolean compatibilityCall, byte[] body, Set<?> granted) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null; // malformed bodies are the MCP endpoint's to answer
		}
		List<String> tools = new ArrayList<>();
		if (compatibilityCall) {
			tools.add(root.path("tool").asString(""));
		}
		else {
			for (JsonNode message : root.isArray() ? root : List.of(root)) {
				if ("tools/call".equals(message.path("method").asString(""))) {
					tools.add(message.path("params").path("name").asString(""));
				}
			}
		}
		for (String tool : tools) {
			String needed = neededScope(tool);
			if (!granted.contains(needed)) {
				return needed;
			}
		}
		return null;
	}

}
