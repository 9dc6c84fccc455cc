package org.spotifymcp.api.admin;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin endpoint answered for real and compared with {@code /openapi.json}: the
 * status, the content type and exactly the documented snake_case properties; lists are
 * {@code {items,page,size,total}}; errors are {@code application/problem+json} problems.
 */
class AdminOpenApiContractTest extends AdminApiTestSupport {

	private OpenApiContract contract;

	@BeforeEach
	void readTheDocument() throws Exception {
		HttpResponse<String> document = call("GET", "/openapi.json", null, null);
		assertThat(document.statusCode()).isEqualTo(200);
		this.contract = new OpenApiContract(document.body());
	}

	private HttpResponse<String> documented(String method, String template, String path, String body) throws Exception {
		HttpResponse<String> response = admin(method, path, body);
		this.contract.assertDocuments(method, template, response);
		return response;
	}

	@Test
	void userEndpointsAnswerWhatTheDocumentSays() throws Exception {
		int user = insertUser("contract-users", "Contract");
		linkSpotify(user);
		checkpoint(user, "polling", true);
		insertPlay(user, insertTrack("contract-track"), Instant.parse("2025-03-01T10:00:00Z"));
		documented("GET", "/admin/users", "/admin/users?size=200", null);
		JsonNode detail = body(documented("GET", "/admin/users/{id}", "/admin/users/" + user, null));
		assertThat(detail.path("token").path("status").asString()).isEqualTo("valid");
		assertThat(detail.path("checkpoint").path("status").asString()).isEqualTo("polling");
		documented("GET", "/admin/sync-status", "/admin/sync-status?page=0&size=5", null);
		JsonNode created = body(documented("POST", "/admin/users", "/admin/users",
				"{\"display_name\":\"Contract import\",\"time_zone\":\"Europe/Berlin\"}"));
		assertThat(created.path("time_zone").asString()).isEqualTo("Europe/Berlin");
		int importOnly = created.path("id").asInt();
		documented("PATCH", "/admin/users/{id}", "/admin/users/" + importOnly, "{\"display_name\":\"Renamed\"}");
		documented("POST", "/admin/users/{id}/pause", "/admin/users/" + user + "/pause", null);
		documented("POST", "/admin/users/{id}/resume", "/admin/users/" + user + "/resume", null);
		documented("POST", "/admin/users/{id}/trigger-sync", "/admin/users/" + user + "/trigger-sync", null);
		documented("POST", "/admin/users/{id}/initial-sync", "/admin/users/" + user + "/initial-sync", null);
		documented("POST", "/admin/users/{id}/trigger-sync", "/admin/users/" + importOnly + "/trigger-sync", null);
		documented("GET", "/admin/users/{id}", "/admin/users/999999", null);
		documented("GET", "/admin/users", "/admin/users?size=0", null);
		documented("DELETE", "/admin/users/{id}", "/admin/users/" + importOnly, null);
	}

	@Test
	void jobLogAndTokenEndpointsAnswerWhatTheDocumentSays() throws Exception {
		int user = insertUser("contract-jobs", "Jobs");
		this.jdbc.update("insert into job_runs (job_type, user_id, status, stats) values ('poll', ?, 'success',"
				+ " '{\"inserted\": 2}')", user);
		this.jdbc.update("insert into import_jobs (user_id, original_filename, stored_path) values (?, 'a.zip', '')",
				user);
		this.jdbc.update("insert into logs (timestamp, service, level, logger, message, context) values"
				+ " (now(), 'api-service', 'WARN', 'test', 'contract log', '{\"user_id\": \"1\"}')");
		JsonNode runs = body(documented("GET", "/admin/job-runs", "/admin/job-runs?user_id=" + user, null));
		assertThat(runs.path("items")).as("the user's poll run").hasSize(1);
		assertThat(documented("GET", "/admin/job-runs/{id}", "/admin/job-runs/" + runs.at("/items/0/id").asLong(), null)
			.statusCode()).isEqualTo(200);
		JsonNode imports = body(documented("GET", "/admin/import-jobs", "/admin/import-jobs?user_id=" + user, null));
		assertThat(imports.path("items")).as("the user's import job").hasSize(1);
		assertThat(documented("GET", "/admin/import-jobs/{id}",
				"/admin/import-jobs/" + imports.at("/items/0/id").asLong(), null)
			.statusCode()).isEqualTo(200);
		assertThat(body(documented("GET", "/admin/logs", "/admin/logs?q=contract", null)).path("items"))
			.as("the contract log")
			.isNotEmpty();
		documented("GET", "/admin/logs", "/admin/logs?level=loud", null);
		documented("POST", "/admin/maintenance/purge-logs", "/admin/maintenance/purge-logs?days=30", null);

		JsonNode issued = body(documented("POST", "/admin/users/{id}/mcp-tokens",
				"/admin/users/" + user + "/mcp-tokens", "{\"name\":\"laptop\"}"));
		assertThat(body(documented("GET", "/admin/users/{id}/mcp-tokens", "/admin/users/" + user + "/mcp-tokens", null))
			.path("items")).as("the issued token").hasSize(1);
		documented("DELETE", "/admin/mcp-tokens/{token_id}", "/admin/mcp-tokens/" + issued.at("/token/id").asLong(),
				null);
		documented("GET", "/admin/users/{id}/oauth-clients", "/admin/users/" + user + "/oauth-clients", null);
		documented("GET", "/admin/oauth-clients", "/admin/oauth-clients", null);
	}

	/** The accepted upload and the 413 are checked where an upload directory exists. */
	@Test
	void uploadRefusalsAnswerWhatTheDocumentSays() throws Exception {
		int user = insertUser("contract-upload", "Upload");
		this.contract.assertDocuments("POST", "/admin/users/{id}/import",
				upload("/admin/users/" + user + "/import", "export", "{}"));
		this.contract.assertDocuments("POST", "/admin/users/{id}/import",
				upload("/admin/users/999999/import", "file", "{}"));
		this.contract.assertDocuments("POST", "/admin/users/{id}/import",
				admin("POST", "/admin/users/" + user + "/import", "{}"));
	}

	@Test
	void failuresOutsideAnyOperationAreProblemsToo() throws Exception {
		for (HttpResponse<String> response : new HttpResponse[] { admin("PUT", "/admin/users/1", "{}"),
				admin("GET", "/admin/no-such-endpoint"), call("GET", "/admin/users", null, null) }) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			this.contract.assertConformsTo("ProblemDetail", response.body(), response.uri().toString());
		}
	}

	/**
	 * Holds for endpoints added later too: no admin answer is a bare array, and every
	 * list is a page with bounded {@code page} and {@code size} parameters.
	 */
	@Test
	void everyAdminListIsADocumentedPage() throws Exception {
		JsonNode document = body(call("GET", "/openapi.json", null, null));
		java.util.List<String> pages = new java.util.ArrayList<>();
		for (String path : document.path("paths").propertyNames()) {
			if (!path.startsWith("/admin")) {
				continue;
			}
			for (String method : document.path("paths").path(path).propertyNames()) {
				JsonNode operation = document.path("paths").path(path).path(method);
				for (String status : operation.path("responses").propertyNames()) {
					JsonNode schema = operation.at("/responses/" + status + "/content/application~1json/schema");
					if (schema.has("$ref")) {
						schema = document.at(schema.get("$ref").asString().substring(1));
					}
					assertThat(schema.path("type").asString("")).as(method + " " + path).isNotEqualTo("array");
					if (!schema.path("properties").has("items")) {
						continue;
					}
					assertThat(schema.path("properties").propertyNames()).as(method + " " + path)
						.containsExactlyInAnyOrder("items", "page", "size", "total");
					java.util.Map<String, JsonNode> parameters = new java.util.HashMap<>();
					operation.path("parameters")
						.forEach((parameter) -> parameters.put(parameter.path("name").asString(), parameter));
					assertThat(parameters.get("page").at("/schema/minimum").asInt()).as(path + " page").isZero();
					assertThat(parameters.get("page").at("/schema/default").asInt()).isZero();
					assertThat(parameters.get("size").at("/schema/minimum").asInt()).as(path + " size").isOne();
					assertThat(parameters.get("size").at("/schema/maximum").asInt()).isEqualTo(200);
					assertThat(parameters.get("size").at("/schema/default").asInt()).isEqualTo(50);
					pages.add(method + " " + path);
				}
			}
		}
		assertThat(pages).contains("get /admin/users", "get /admin/sync-status", "get /admin/job-runs",
				"get /admin/import-jobs", "get /admin/logs", "get /admin/users/{id}/mcp-tokens",
				"get /admin/users/{id}/oauth-clients", "get /admin/oauth-clients");
	}

	@Test
	void healthzAnswersWhatTheDocumentSays() throws Exception {
		this.contract.assertDocuments("GET", "/healthz", call("GET", "/healthz", null, null));
	}

	private HttpResponse<String> upload(String path, String part, String content) throws Exception {
		String boundary = "contract-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
				+ "\"; filename=\"endsong_0.json\"\r\nContent-Type: application/json\r\n\r\n" + content + "\r\n--"
				+ boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", ADMIN)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
