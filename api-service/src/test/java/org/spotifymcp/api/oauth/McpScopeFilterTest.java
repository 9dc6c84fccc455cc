package org.spotifymcp.api.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope an OAuth caller needs per tool: {@code spotify:write} for the playlist tool,
 * which a token granted only the read scopes does not have.
 */
class McpScopeFilterTest {

	private final McpScopeFilter filter = new McpScopeFilter(
			new McpResource("https://music.example", "https://music.example/mcp", "https://music.example"));

	@Test
	void thePlaylistToolNeedsSpotifyWrite() throws Exception {
		MockHttpServletResponse refused = call("playlists_create_from_history", Set.of("history:read", "spotify:read"));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getHeader("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"spotify:write\"");
		assertThat(refused.getContentAsString()).contains("this tool needs the scope spotify:write");

		assertThat(call("playlists_create_from_history", Set.of("spotify:write")).getStatus()).isEqualTo(200);
		assertThat(call("history_top_tracks", Set.of("history:read")).getStatus()).isEqualTo(200);
		assertThat(call("spotify_search", Set.of("history:read", "spotify:write")).getStatus())
			.as("writing does not imply reading live")
			.isEqualTo(403);
	}

	private MockHttpServletResponse call(String tool, Set<String> granted) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.setAttribute(McpAccessTokens.SCOPES, granted);
		request.setContent(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":{}}}")
			.getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		if (chain.getRequest() != null) {
			response.setStatus(200);
		}
		return response;
	}

}
