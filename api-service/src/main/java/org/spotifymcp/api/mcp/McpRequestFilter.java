package org.spotifymcp.api.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks every message to {@code /mcp} before the MCP SDK's servlet sees it, and answers
 * what the SDK would turn into a Java exception (its error bodies are serialized
 * exceptions, and it logs client mistakes as errors) with a JSON-RPC error object:
 * {@code -32700} unparsable JSON, {@code -32600} anything that is not one JSON-RPC
 * request or notification sent as JSON, {@code -32602} params the SDK cannot read. Client
 * mistakes are logged as warnings.
 */
class McpRequestFilter extends OncePerRequestFilter {

	static final int PARSE_ERROR = -32700;

	static final int INVALID_REQUEST = -32600;

	static final int INVALID_PARAMS = -32602;

	private static final Logger logger = LoggerFactory.getLogger(McpRequestFilter.class);

	private final JsonMapper json;

	private final int maxBodyBytes;

	/**
	 * @param json the MCP server's own mapper, so params are read exactly as the SDK
	 * reads them
	 * @param maxBodyBytes largest accepted message
	 */
	McpRequestFilter(JsonMapper json, int maxBodyBytes) {
		this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("OPTIONS".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = checkHttp(request);
			check(body);
		}
		catch (Rejected rejected) {
			logger.warn("MCP request refused ({} {}): {}", rejected.status, rejected.code, rejected.getMessage());
			if (rejected.status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
				response.setHeader("Allow", "POST");
			}
			write(response, rejected);
			return;
		}
		chain.doFilter(new BufferedRequest(request, body), response);
	}

	/** Method, headers and size, as the Streamable HTTP transport requires them. */
	private byte[] checkHttp(HttpServletRequest request) throws IOException {
		if (!"POST".equals(request.getMethod())) {
			throw new Rejected(HttpServletResponse.SC_METHOD_NOT_ALLOWED, INVALID_REQUEST, null,
					"this stateless MCP endpoint accepts POST only");
		}
		if (!isJson(request.getContentType())) {
			throw new Rejected(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, INVALID_REQUEST, null,
					"Content-Type must be application/json, got " + describe(request.getContentType()));
		}
		String accept = request.getHeader("Accept");
		if (accept == null || !accept.contains(MediaType.APPLICATION_JSON_VALUE)
				|| !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
			throw new Rejected(HttpServletResponse.SC_NOT_ACCEPTABLE, INVALID_REQUEST, null,
					"the Accept header must list both application/json and text/event-stream, got " + describe(accept));
		}
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			throw tooLarge();
		}
		byte[] body = request.getInputStream().readNBytes(this.maxBodyBytes + 1);
		if (body.length > this.maxBodyBytes) {
			throw tooLarge();
		}
		return body;
	}

	private Rejected tooLarge() {
		return new Rejected(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, INVALID_REQUEST, null,
				"a message may have at most " + this.maxBodyBytes + " bytes");
	}

	/**
	 * The JSON-RPC envelope, then the params of the methods whose params the SDK reads.
	 */
	private void check(byte[] body) {
		JsonNode message;
		try {
			message = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, PARSE_ERROR, null,
					"the body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (message == null || message.isMissingNode()) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, PARSE_ERROR, null, "the body is empty");
		}
		if (message.isArray()) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, null,
					"JSON-RPC batches are not supported: send one request per HTTP request");
		}
		if (!message.isObject()) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, null,
					"a JSON-RPC message must be an object");
		}
		JsonNode id = message.get("id");
		if (id != null && !(id.isString() || id.isIntegralNumber())) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, null,
					"id must be a string or an integer");
		}
		JsonNode version = message.path("jsonrpc");
		if (!version.isString() || !"2.0".equals(version.asString())) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, id, "jsonrpc must be \"2.0\"");
		}
		JsonNode method = message.get("method");
		if (method == null || !method.isString() || method.asString().isEmpty()) {
			throw new Rejected(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, id,
					"method must be a non-empty string (this server accepts requests and notifications only)");
		}
		JsonNode params = message.get("params");
		if (params != null && !params.isNull() && !params.isObject()) {
			throw invalidParams(id, "params must be an object");
		}
		if (id != null) {
			checkParams(id, method.asString(), params);
		}
	}

	private void checkParams(JsonNode id, String method, JsonNode params) {
		if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
			if (params == null || !params.path("name").isString()) {
				throw invalidParams(id, "tools/call needs params.name, the tool's name as a string");
			}
			JsonNode arguments = params.get("arguments");
			if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
				throw invalidParams(id, "params.arguments must be an object of the tool's arguments");
			}
			readAs(id, method, params, McpSchema.CallToolRequest.class);
		}
		else if (McpSchema.METHOD_INITIALIZE.equals(method)) {
			if (params == null) {
				throw invalidParams(id, "initialize needs params (protocolVersion, capabilities, clientInfo)");
			}
			readAs(id, method, params, McpSchema.InitializeRequest.class);
		}
	}

	private void readAs(JsonNode id, String method, JsonNode params, Class<?> type) {
		try {
			this.json.treeToValue(params, type);
		}
		catch (JacksonException ex) {
			String at = ex.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: Integer.toString(reference.getIndex()))
				.collect(Collectors.joining("."));
			throw invalidParams(id,
					"params of " + method + " do not follow the MCP schema" + (at.isEmpty() ? "" : " at params." + at));
		}
	}

	private static Rejected invalidParams(JsonNode id, String message) {
		// A JSON-RPC answer to a readable request, like the SDK's own "unknown tool".
		return new Rejected(HttpServletResponse.SC_OK, INVALID_PARAMS, id, message);
	}

	private void write(HttpServletResponse response, Rejected rejected) throws IOException {
		ObjectNode body = this.json.createObjectNode();
		body.put("jsonrpc", "2.0");
		body.set("id", (rejected.id != null) ? rejected.id : body.nullNode());
		ObjectNode error = body.putObject("error");
		error.put("code", rejected.code);
		error.put("message", rejected.getMessage());
		response.setStatus(rejected.status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json");
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Headers are echoed in messages, so shorten what a client sent. */
	private static String describe(String header) {
		if (header == null) {
			return "none";
		}
		return (header.length() > 80) ? header.substring(0, 80) + "…" : header;
	}

	/** Why a message was refused; no stack trace is ever needed. */
	private static final class Rejected extends RuntimeException {

		private final int status;

		private final int code;

		private final JsonNode id;

		Rejected(int status, int code, JsonNode id, String message) {
			super(message, null, false, false);
			this.status = status;
			this.code = code;
			this.id = id;
		}

	}

}
