package org.spotifymcp.api.mcp;

import java.util.Map;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's servlet answers its own failures by serializing an {@link McpError}: through
 * the MCP mapper that is a JSON-RPC error object, never the exception's stack trace.
 */
class McpJsonTest {

	@Test
	void anMcpErrorIsWrittenAsAJsonRpcErrorObject() {
		String written = McpJson.mapper()
			.writeValueAsString(McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("bad message").build());
		assertThat(written).doesNotContainIgnoringCase("stackTrace").doesNotContain("cause");
		@SuppressWarnings("unchecked")
		Map<String, Object> error = McpJson.mapper().readValue(written, Map.class);
		assertThat(error).containsOnlyKeys("jsonrpc", "id", "error")
			.containsEntry("jsonrpc", "2.0")
			.containsEntry("id", null)
			.containsEntry("error", Map.of("code", -32600, "message", "bad message"));
	}

}
