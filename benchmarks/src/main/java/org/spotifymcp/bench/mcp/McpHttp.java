package org.spotifymcp.bench.mcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Minimal JSON-RPC over the Streamable HTTP endpoint, as an MCP client sends it. */
final class McpHttp {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI endpoint;

	McpHttp(int port) {
		this.endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
	}

	String initialize(String token) throws Exception {
		return post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
				+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
	}

	String call(String token, String tool, String arguments) throws Exception {
		String body = post(token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\""
				+ tool + "\",\"arguments\":{" + arguments + "}}}");
		if (body.contains("\"isError\":true") || body.contains("\"error\":{")) {
			throw new IllegalStateException(tool + " failed: " + body);
		}
		return body;
	}

	private String post(String token, String json) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("MCP-Protocol-Version", "2025-06-18")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
