package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented shape of the MCP token answers (README, docs/mcp-clients.md and
 * {@code /openapi.json}): issuing answers {@code {"token": {…}, "secret": "smcp_…"}}, and
 * revoking is idempotent.
 */
class AdminMcpTokensContractTest extends AdminApiTestSupport {

	@Test
	void issuingAnswersTheTokenAndItsSecretSideBySide() throws Exception {
		int user = insertUser("mcp-contract-1", "Contract");
		HttpResponse<String> issued = admin("POST", "/admin/users/" + user + "/mcp-tokens", "{\"name\":\"laptop\"}");
		assertThat(issued.statusCode()).isEqualTo(201);
		JsonNode answer = body(issued);
		assertThat(names(answer)).containsExactly("token", "secret");
		assertThat(names(answer.get("token"))).containsExactly("id", "user_id", "name", "prefix", "created_at",
				"last_used_at", "revoked_at", "active");
		String secret = answer.get("secret").asString();
		assertThat(secret).startsWith("smcp_").startsWith(answer.at("/token/prefix").asString());
		assertThat(answer.at("/token/user_id").asInt()).isEqualTo(user);
		assertThat(answer.at("/token/active").asBoolean()).isTrue();
	}

	@Test
	void revokingTwiceAnswers200WithTheFirstRevocationTime() throws Exception {
		int user = insertUser("mcp-contract-2", "Contract2");
		long tokenId = body(admin("POST", "/admin/users/" + user + "/mcp-tokens", "{\"name\":\"phone\"}"))
			.at("/token/id")
			.asLong();
		HttpResponse<String> first = admin("DELETE", "/admin/mcp-tokens/" + tokenId);
		HttpResponse<String> second = admin("DELETE", "/admin/mcp-tokens/" + tokenId);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(body(second).get("active").asBoolean()).isFalse();
		assertThat(body(second).get("revoked_at").asString()).isNotEmpty()
			.isEqualTo(body(first).get("revoked_at").asString());
	}

	@Test
	void theOpenApiDocumentDescribesBothAnswers() throws Exception {
		JsonNode document = body(call("GET", "/openapi.json", null, null));
		JsonNode issue = document.at("/paths/~1admin~1users~1{id}~1mcp-tokens/post");
		assertThat(issue.get("description").asString()).contains("\"secret\"")
			.contains("\"token\"")
			.contains("\"user_id\"")
			.doesNotContain("userId");
		String schema = issue.at("/responses/201/content/application~1json/schema/$ref").asString();
		JsonNode issued = document.at("/components/schemas/" + schema.substring(schema.lastIndexOf('/') + 1));
		assertThat(names(issued.get("properties"))).containsExactlyInAnyOrder("token", "secret");
		JsonNode revoke = document.at("/paths/~1admin~1mcp-tokens~1{token_id}/delete");
		assertThat(revoke.get("description").asString()).contains("idempotent");
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

}
