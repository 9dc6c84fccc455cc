package org.spotifymcp.api.oauth;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DNS-rebinding guard the MCP transport requires: a request to {@code /mcp} whose
 * {@code Origin} is neither absent nor allowed ({@code MCP_ALLOWED_ORIGINS}, by default
 * the origin of {@code API_BASE_URL}, plus {@code CORS_ALLOWED_ORIGINS}) gets 403 before
 * any authentication.
 */
final class McpOriginFilter extends OncePerRequestFilter {

	private final Set<String> allowed = new LinkedHashSet<>();

	McpOriginFilter(McpResource resource, Iterable<String> mcpAllowed, Iterable<String> corsAllowed) {
		mcpAllowed.forEach((origin) -> this.allowed.add(normalize(origin)));
		if (this.allowed.isEmpty()) {
			this.allowed.add(normalize(resource.origin()));
		}
		corsAllowed.forEach((origin) -> this.allowed.add(normalize(origin)));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (origin == null || this.allowed.contains(normalize(origin))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"status\":403,\"error\":\"Forbidden\",\"message\":\"Origin is not allowed to call /mcp "
					+ "(set MCP_ALLOWED_ORIGINS)\"}");
	}

	/** Scheme and host in lower case, default ports left out. */
	static String normalize(String origin) {
		try {
			URI uri = URI.create(origin.strip());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return origin.strip();
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
					|| (scheme.equals("http") && port == 80);
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (IllegalArgumentException ex) {
			return origin.strip();
		}
	}

}
