package org.spotifymcp.api.mcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.shared.testing.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests to {@code /mcp}, sent over real HTTP, get JSON-RPC error objects
 * without Java internals, and are logged as warnings, not errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.ops.rate-limit-mcp-per-minute=1000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpProtocolErrorsTest {

	private static final String JSON = "application/json";

	private static final String ACCEPT = "application/json, text/event-stream";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private Instant started;

	@BeforeAll
	void startClock() {
		this.started = Instant.now().minusSeconds(1);
	}

	private HttpResponse<String> post(String contentType, String accept, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
			.header("Authorization", "Bearer " + TestDatabase.TEST_ADMIN_TOKEN)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String body) throws Exception {
		return post(JSON, ACCEPT, body);
	}

	/**
	 * Checks the JSON-RPC error shape and that nothing of the server's internals leaks.
	 * @return the error's message
	 */
	private String assertJsonRpcError(HttpResponse<String> response, int status, int code, Object id) {
		assertThat(response.statusCode()).as(response::body).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(JSON));
		assertThat(response.body()).doesNotContainIgnoringCase("stackTrace")
			.doesNotContain("\"trace\"")
			.doesNotContain("Exception")
			.doesNotContain("at io.")
			.hasSizeLessThan(1000);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(body.has("id")).as("id present").isTrue();
		if (id == null) {
			assertThat(body.get("id").isNull()).as(response::body).isTrue();
		}
		else {
			assertThat(body.get("id").asString()).isEqualTo(id.toString());
		}
		assertThat(body.path("error").path("code").asInt()).as(response::body).isEqualTo(code);
		String message = body.path("error").path("message").asString();
		assertThat(message).isNotBlank();
		return message;
	}

	@Test
	void toolsCallWithArgumentsThatAreNotAnObjectIsInvalidParams() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
				+ "\"params\":{\"name\":\"history_top_tracks\",\"arguments\":[1]}}");
		assertThat(assertJsonRpcError(response, 200, -32602, 7)).contains("arguments");
	}

	@Test
	void toolsCallWithParamsThatAreNotAnObjectIsInvalidParams() throws Exception {
		HttpResponse<String> response = post(
				"{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"tools/call\",\"params\":[1]}");
		assertThat(assertJsonRpcError(response, 200, -32602, "a-1")).contains("params");
	}

	@Test
	void toolsCallWithoutAToolNameIsInvalidParams() throws Exception {
		HttpResponse<String> response = post(
				"{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":5}}");
		assertThat(assertJsonRpcError(response, 200, -32602, 8)).contains("name");
	}

	@Test
	void malformedJsonIsAParseError() throws Exception {
		assertJsonRpcError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"), 400, -32700, null);
		assertJsonRpcError(post(""), 400, -32700, null);
	}

	@Test
	void batchesAreInvalidRequests() throws Exception {
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
		assertThat(assertJsonRpcError(post("[" + ping + "," + ping + "]"), 400, -32600, null)).contains("batch");
		assertJsonRpcError(post("[]"), 400, -32600, null);
	}

	@Test
	void messagesThatAreNotJsonRpcObjectsAreInvalidRequests() throws Exception {
		assertJsonRpcError(post("42"), 400, -32600, null);
		assertJsonRpcError(post("\"ping\""), 400, -32600, null);
		assertThat(assertJsonRpcError(post("{\"id\":3,\"method\":\"ping\"}"), 400, -32600, 3)).contains("jsonrpc");
		assertThat(assertJsonRpcError(post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":9}"), 400, -32600, 4))
			.contains("method");
		assertThat(assertJsonRpcError(post("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}"), 400, -32600,
				null))
			.contains("id");
	}

	@Test
	void aWrongContentTypeIsAnInvalidRequest() throws Exception {
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
		assertThat(assertJsonRpcError(post("text/plain", ACCEPT, ping), 415, -32600, null)).contains("Content-Type");
		assertJsonRpcError(post(null, ACCEPT, ping), 415, -32600, null);
	}

	@Test
	void aMissingAcceptHeaderIsAnInvalidRequest() throws Exception {
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
		assertThat(assertJsonRpcError(post(JSON, "text/html", ping), 406, -32600, null)).contains("Accept");
	}

	@Test
	void anOversizedBodyIsRefused() throws Exception {
		String padding = "x".repeat(2 * 1024 * 1024);
		assertJsonRpcError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"p\":\""
				+ padding + "\"}}}"), 413, -32600, null);
	}

	@Test
	void otherMethodsThanPostAreRefusedWithoutJavaInternals() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
				.header("Authorization", "Bearer " + TestDatabase.TEST_ADMIN_TOKEN)
				.header("Accept", ACCEPT)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertJsonRpcError(response, 405, -32600, null);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void wellFormedRequestsStillWork() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"ping\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("id").asInt()).isEqualTo(11);
		assertThat(body.has("result")).isTrue();
		HttpResponse<String> unknown = post("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"no/such\"}");
		assertJsonRpcError(unknown, 200, -32601, 12);
		HttpResponse<String> initialize = post("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"initialize\",\"params\":"
				+ "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
		assertThat(initialize.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(initialize.body()).path("result").path("serverInfo").path("name").asString())
			.isEqualTo("spotify-mcp-history");
	}

	@Test
	void paramsTheSdkCannotReadAreAnErrorObjectToo() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"initialize\","
				+ "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":[1],\"clientInfo\":7}}");
		assertThat(response.statusCode()).isBetween(200, 499);
		assertJsonRpcError(response, response.statusCode(), -32602, 14);
	}

	@Test
	void theCompatibilityEndpointAnswersMalformedCallsWithoutJavaInternals() throws Exception {
		for (String body : new String[] { "{\"tool\":\"history.coverage\",\"args\":[1]}", "{\"tool\":", "[1]" }) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp/call"))
					.header("Authorization", "Bearer " + TestDatabase.TEST_ADMIN_TOKEN)
					.header("Content-Type", JSON)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.body()).doesNotContainIgnoringCase("stackTrace")
				.doesNotContain("\"trace\"")
				.doesNotContain("at org.")
				.hasSizeLessThan(1000);
		}
	}

	@Test
	void malformedRequestsAreLoggedAsWarningsNotErrors() throws Exception {
		post("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":[1]}");
		post("{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"name\":\"history_coverage\","
				+ "\"arguments\":[1]}}");
		post("{\"jsonrpc\":");
		post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
		post("text/plain", ACCEPT, "{}");
		// The log writer is asynchronous: wait for the warnings, then no error may be
		// there.
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (levels().getOrDefault("WARN", 0L) < 5 && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		Map<String, Long> levels = levels();
		assertThat(levels.getOrDefault("WARN", 0L)).isGreaterThanOrEqualTo(5);
		assertThat(levels).doesNotContainKey("ERROR");
		// The SDK, which logs client mistakes as errors, never sees them.
		assertThat(this.jdbc.queryForObject(
				"select count(*) from logs where timestamp >= ? and logger like 'io.modelcontextprotocol%'", Long.class,
				Timestamp.from(this.started)))
			.isZero();
	}

	private Map<String, Long> levels() {
		Map<String, Long> levels = new java.util.HashMap<>();
		this.jdbc.query("select level, count(*) from logs where timestamp >= ? group by level", (row) -> {
			levels.put(row.getString(1), row.getLong(2));
		}, Timestamp.from(this.started));
		return levels;
	}

}
