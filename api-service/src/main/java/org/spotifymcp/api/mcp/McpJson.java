package org.spotifymcp.api.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper of the MCP server: its transport, its results and the text copy of each
 * result all go through it, so they agree to the byte.
 */
final class McpJson {

	private McpJson() {
	}

	/**
	 * A mapper that writes the SDK's {@link McpError} as a JSON-RPC error object. The
	 * SDK's servlet answers some failures by serializing the exception itself, which
	 * would otherwise send its stack trace; the request id is not known there.
	 * @return a new mapper
	 */
	static JsonMapper mapper() {
		SimpleModule errors = new SimpleModule("mcp-errors");
		errors.addSerializer(McpError.class, new ValueSerializer<>() {

			@Override
			public void serialize(McpError error, JsonGenerator generator, SerializationContext context) {
				McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
				generator.writeStartObject();
				generator.writeStringProperty("jsonrpc", McpSchema.JSONRPC_VERSION);
				generator.writeNullProperty("id");
				generator.writeObjectPropertyStart("error");
				generator.writeNumberProperty("code", (rpc != null) ? rpc.code() : McpSchema.ErrorCodes.INTERNAL_ERROR);
				generator.writeStringProperty("message", (rpc != null) ? rpc.message() : "internal error");
				generator.writeEndObject();
				generator.writeEndObject();
			}

		});
		return JsonMapper.builder().addModule(errors).build();
	}

}
