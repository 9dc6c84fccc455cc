package org.spotifymcp.api.mcp;

import java.util.List;

/**
 * Contributes tools beyond history and operations (e.g. live Spotify tools).
 */
public interface McpToolSource {

	List<McpTool> tools();

}
