package org.spotifymcp.api.mcp;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.analytics.HistoryQueryException;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;

/**
 * Runs a tool for a caller: decides whose data may be read, validates arguments, and
 * turns failures into tool errors with clear messages. Shared by {@code /mcp} and
 * {@code /mcp/call} so both give the same results.
 */
public class McpToolInvoker {

	private static final Logger logger = LoggerFactory.getLogger(McpToolInvoker.class);

	/** Results leave as snake_case JSON, matching the output schemas. */
	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	/** Timer of every tool call: {@code mcp_tool_latency_seconds{tool, outcome}}. */
	static final String LATENCY_METER = "mcp.tool.latency";

	private final McpToolCatalog catalog;

	private final MeterRegistry meters;

	public McpToolInvoker(McpToolCatalog catalog, MeterRegistry meters) {
		this.catalog = catalog;
		this.meters = meters;
	}

	public McpToolCatalog catalog() {
		return this.catalog;
	}

	/**
	 * Calls a tool.
	 * @param caller who is calling
	 * @param toolName dotted or MCP name
	 * @param arguments the arguments, may be null
	 * @return the structured result and its text, or an error
	 */
	public ToolOutcome invoke(McpCaller caller, String toolName, Map<String, Object> arguments) {
		long started = System.nanoTime();
		String[] known = { "unknown" };
		ToolOutcome outcome = invokeTool(caller, toolName, arguments, known);
		// Tagged with the catalog's dotted name only, so unknown names cannot grow the
		// series.
		Timer.builder(LATENCY_METER)
			.description("MCP tool calls (/mcp and /mcp/call), by tool and outcome")
			.tag("tool", known[0])
			.tag("outcome", outcome.error() ? "error" : "ok")
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
		return outcome;
	}

	private ToolOutcome invokeTool(McpCaller caller, String toolName, Map<String, Object> arguments, String[] known) {
		try {
			McpTool tool = this.catalog.find(toolName);
			known[0] = tool.name();
			ToolArguments args = new ToolArguments(arguments, McpToolCatalog.argumentNames(tool));
			if (caller.admin() && !tool.readOnly()) {
				throw new McpToolException(tool.mcpName()
						+ " writes to the listener's own Spotify account: call it with"
						+ " the listener's MCP token or an OAuth token granted spotify:write, not the admin token");
			}
			int userId = userFor(caller, args);
			Object result = tool.handler().handle(userId, args);
			@SuppressWarnings("unchecked")
			Map<String, Object> structured = this.json.convertValue(result, Map.class);
			return new ToolOutcome(structured, tool.summary().apply(result), false);
		}
		catch (McpToolException | HistoryQueryException ex) {
			return error(ex.getMessage());
		}
		catch (DataAccessException ex) {
			logger.warn("tool {} failed", toolName, ex);
			return error("the history database could not answer; try again later");
		}
	}

	private static int userFor(McpCaller caller, ToolArguments args) {
		Integer requested = args.integer("user_id");
		if (caller.admin()) {
			if (requested == null) {
				throw new McpToolException("user_id is required when calling with the admin token");
			}
			return requested;
		}
		if (requested != null && !requested.equals(caller.userId())) {
			throw new McpToolException(
					"this token belongs to one user and cannot read user_id " + requested + "; leave user_id out");
		}
		return caller.userId();
	}

	private static ToolOutcome error(String message) {
		Map<String, Object> body = new HashMap<>();
		body.put("error", message);
		return new ToolOutcome(body, message, true);
	}

	/**
	 * What a tool call produced.
	 *
	 * @param structured the result as JSON-ready map (for errors: {@code {"error": ...}})
	 * @param text a short rendering (for errors: the message)
	 * @param error whether the call failed
	 */
	public record ToolOutcome(Map<String, Object> structured, String text, boolean error) {

	}

}
