package org.spotifymcp.api.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original HTTP interface next to real MCP: a tool catalog and a call endpoint with
 * dotted tool names, answering exactly what the MCP tools answer (also the surface a
 * Custom GPT Action uses through {@code /openapi.json}).
 */
@RestController
@Tag(name = "mcp", description = "History and operations tools over plain HTTP")
@SecurityRequirement(name = "bearer")
class McpCompatibilityController {

	private final McpToolInvoker invoker;

	McpCompatibilityController(McpToolInvoker invoker) {
		this.invoker = invoker;
	}

	@GetMapping("/mcp/tools")
	@Operation(summary = "List the tools with their input and output JSON Schemas")
	Map<String, Object> tools() {
		List<Map<String, Object>> tools = this.invoker.catalog().tools().stream().map((tool) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", tool.name());
			entry.put("mcp_name", tool.mcpName());
			entry.put("title", tool.title());
			entry.put("description", tool.description());
			entry.put("input_schema", tool.inputSchema());
			entry.put("output_schema", JsonSchemas.forRecord(tool.outputType()));
			return entry;
		}).toList();
		return Map.of("tools", tools);
	}

	@PostMapping("/mcp/call")
	@Operation(summary = "Call a tool: {\"tool\": \"history.top_tracks\", \"args\": {...}}")
	ResponseEntity<Map<String, Object>> call(@RequestBody ToolCall call, HttpServletRequest request) {
		McpCaller caller = (McpCaller) request.getAttribute(McpCaller.ATTRIBUTE);
		McpToolInvoker.ToolOutcome outcome = this.invoker.invoke(caller, call.tool(), call.args());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tool", call.tool());
		if (outcome.error()) {
			body.put("error", outcome.text());
			return ResponseEntity.badRequest().body(body);
		}
		// The MCP result's content: "text" is its summary, "result" its JSON.
		body.put("result", outcome.structured());
		body.put("text", outcome.text());
		return ResponseEntity.ok(body);
	}

	/**
	 * A call request.
	 *
	 * @param tool dotted (or MCP) tool name
	 * @param args the tool's arguments
	 */
	record ToolCall(String tool, Map<String, Object> args) {

	}

}
