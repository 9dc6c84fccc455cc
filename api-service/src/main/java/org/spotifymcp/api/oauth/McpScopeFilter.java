package org.spotifymcp.api.oauth;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Scopes of OAuth callers: a tool call needs {@code spotify:read} for the live Spotify
 * tools and {@code history:read} for every other tool; without it the answer is 403 with
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
		chain.doFilter(new CachedBody(request, body), response);
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
			String needed = (tool.startsWith("spotify_") || tool.startsWith("spotify.")) ? McpResource.SPOTIFY_READ
					: McpResource.HISTORY_READ;
			if (!granted.contains(needed)) {
				return needed;
			}
		}
		return null;
	}

	/** Hands the already read body on to the MCP endpoint. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = (getCharacterEncoding() != null) ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
			return new BufferedReader(
					new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
