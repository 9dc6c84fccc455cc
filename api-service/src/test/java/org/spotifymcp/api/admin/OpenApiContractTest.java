package org.spotifymcp.api.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract check itself: it refuses camelCase keys, undocumented or missing
 * properties, wrong types and undocumented statuses, so the contract tests cannot pass by
 * checking nothing.
 */
class OpenApiContractTest {

	private static final String DOCUMENT = """
			{"paths": {"/things": {"get": {"responses": {"200": {"content": {"application/json":
			  {"schema": {"$ref": "#/components/schemas/Page"}}}}}}}},
			 "components": {"schemas": {
			  "Page": {"properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
			                          "total": {"type": "integer"}}},
			  "Thing": {"type": "object", "properties": {"thing_id": {"type": "integer"},
			                                             "created_at": {"type": ["string", "null"]}}}}}}
			""";

	private final OpenApiContract contract = new OpenApiContract(DOCUMENT);

	@Test
	void acceptsTheDocumentedShape() {
		this.contract.assertDocuments("GET", "/things",
				answer(200, "{\"items\":[{\"thing_id\":1,\"created_at\":null}],\"total\":1}"));
	}

	@Test
	void refusesWhatTheDocumentDoesNotSay() {
		assertThatThrownBy(() -> this.contract.assertDocuments("GET", "/things",
				answer(200, "{\"items\":[{\"thingId\":1,\"created_at\":null}],\"total\":1}")))
			.hasMessageContaining("thingId is not snake_case")
			.hasMessageContaining("undocumented [thingId]")
			.hasMessageContaining("lacks documented [thing_id]");
		assertThatThrownBy(() -> this.contract.assertDocuments("GET", "/things",
				answer(200, "{\"items\":[{\"thing_id\":\"1\",\"created_at\":null}],\"total\":1}")))
			.hasMessageContaining("$.items[0].thing_id is a string");
		assertThatThrownBy(() -> this.contract.assertDocuments("GET", "/things", answer(200, "[]")))
			.hasMessageContaining("is an array");
		assertThatThrownBy(() -> this.contract.assertDocuments("GET", "/things", answer(404, "{}")))
			.hasMessageContaining("status documented");
	}

	private static HttpResponse<String> answer(int status, String body) {
		return new HttpResponse<>() {

			@Override
			public int statusCode() {
				return status;
			}

			@Override
			public HttpRequest request() {
				return HttpRequest.newBuilder(uri()).build();
			}

			@Override
			public Optional<HttpResponse<String>> previousResponse() {
				return Optional.empty();
			}

			@Override
			public HttpHeaders headers() {
				return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
			}

			@Override
			public String body() {
				return body;
			}

			@Override
			public Optional<SSLSession> sslSession() {
				return Optional.empty();
			}

			@Override
			public URI uri() {
				return URI.create("http://127.0.0.1/things");
			}

			@Override
			public HttpClient.Version version() {
				return HttpClient.Version.HTTP_1_1;
			}

		};
	}

}
