package org.spotifymcp.api.mcp;

/**
 * A tool call that cannot be served as asked; the message goes back to the caller as a
 * tool error.
 */
public class McpToolException extends RuntimeException {

	public McpToolException(String message) {
		super(message);
	}

}
