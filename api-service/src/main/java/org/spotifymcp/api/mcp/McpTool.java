package org.spotifymcp.api.mcp;

import java.util.Map;
import java.util.function.Function;

/**
 * One tool: its dotted name (as in {@code /mcp/call}), title, description, JSON Schemas
 * and the code that answers it for one user.
 *
 * @param name dotted name, e.g. {@code history.top_tracks}
 * @param title human-readable name for hosts' tool lists, e.g. "Top tracks"
 * @param description what the tool answers
 * @param inputSchema JSON Schema of the arguments
 * @param outputType the record the tool returns (its schema is the output schema)
 * @param handler computes the result for a user
 * @param summary a one-line text rendering of the result
 * @param readOnly false for tools that change something outside this server (the
 * listener's Spotify account): annotated so, and only callable for one's own account
 */
public record McpTool(String name, String title, String description, Map<String, Object> inputSchema,
		Class<?> outputType, Handler handler, Function<Object, String> summary, boolean readOnly) {

	/** A read-only tool. */
	public McpTool(String name, String title, String description, Map<String, Object> inputSchema, Class<?> outputType,
			Handler handler, Function<Object, String> summary) {
		this(name, title, description, inputSchema, outputType, handler, summary, true);
	}

	/** MCP names use underscores: some clients refuse dots. */
	public String mcpName() {
		return this.name.replace('.', '_');
	}

	/**
	 * Computes a tool's result.
	 */
	@FunctionalInterface
	public interface Handler {

		Object handle(int userId, ToolArguments arguments);

	}

}
