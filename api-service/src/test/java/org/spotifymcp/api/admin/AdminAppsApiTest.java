package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.crypto.TokenCipher;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@code /admin/spotify-apps} and {@code /admin/invites}: snake_case
 * JSON, lists as {@code {items,page,size,total}}, RFC 9457 problem details naming the
 * field, secrets stored encrypted and never returned, removal refused while users are
 * attached.
 */
class AdminAppsApiTest extends AdminApiTestSupport {

	@Autowired
	TokenCipher cipher;

	@Test
	void anAppIsAddedListedRotatedAndRemovedWithoutItsSecretEverShowing() throws Exception {
		HttpResponse<String> added = admin("POST", "/admin/spotify-apps",
				"{\"label\":\"Family\",\"client_id\":\"contract-app-1\",\"client_secret\":\"first-secret-1\"}");
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		JsonNode app = body(added);
		int id = app.get("id").asInt();
		assertThat(app.get("label").asString()).isEqualTo("Family");
		assertThat(app.get("client_id").asString()).isEqualTo("contract-app-1");
		assertThat(app.get("users").asInt()).isZero();
		assertThat(app.get("connected_users").asInt()).isZero();
		assertThat(app.get("user_cap").asInt()).isEqualTo(5);
		assertThat(app.has("created_at")).isTrue();
		assertThat(app.get("secret_rotated_at").isNull()).isTrue();
		assertThat(added.body()).doesNotContain("first-secret-1").doesNotContain("secret\":");
		String stored = this.jdbc.queryForObject("SELECT client_secret_encrypted FROM spotify_apps WHERE id = ?",
				String.class, id);
		assertThat(stored).doesNotContain("first-secret-1");
		assertThat(this.cipher.decrypt(stored)).isEqualTo("first-secret-1");

		HttpResponse<String> list = admin("GET", "/admin/spotify-apps?size=200");
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode page = body(list);
		assertThat(page.get("page").asInt()).isZero();
		assertThat(page.get("size").asInt()).isEqualTo(200);
		assertThat(page.get("total").asLong()).isPositive();
		assertThat(page.get("items").valueStream().map((item) -> item.get("client_id").asString()))
			.contains("contract-app-1");
		assertThat(list.body()).doesNotContain("first-secret-1");

		HttpResponse<String> rotated = admin("POST", "/admin/spotify-apps/" + id + "/rotate-secret",
				"{\"client_secret\":\"second-secret-2\"}");
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(body(rotated).get("secret_rotated_at").isNull()).isFalse();
		assertThat(rotated.body()).doesNotContain("second-secret-2");
		assertThat(this.cipher.decrypt(this.jdbc
			.queryForObject("SELECT client_secret_encrypted FROM spotify_apps WHERE id = ?", String.class, id)))
			.isEqualTo("second-secret-2");

		assertThat(admin("PATCH", "/admin/spotify-apps/" + id, "{\"label\":\"Family 2\"}").body())
			.contains("\"label\":\"Family 2\"");
		assertThat(admin("DELETE", "/admin/spotify-apps/" + id).statusCode()).isEqualTo(204);
		assertProblem(admin("GET", "/admin/spotify-apps/" + id), 404, null);
	}

	@Test
	void badInputIsAProblemDetailNamingTheField() throws Exception {
		assertProblem(admin("POST", "/admin/spotify-apps", "{\"label\":\"x\",\"client_id\":\"contract-app-2\"}"), 400,
				"client_secret");
		assertProblem(
				admin("POST", "/admin/spotify-apps", "{\"client_id\":\"contract-app-2\",\"client_secret\":\"s\"}"), 400,
				"label");
		assertProblem(
				admin("POST", "/admin/spotify-apps",
						"{\"label\":\"x\",\"client_id\":\"has spaces\"," + "\"client_secret\":\"s\"}"),
				400, "client_id");
		assertProblem(admin("POST", "/admin/spotify-apps", "not json"), 400, "body");
		assertProblem(admin("GET", "/admin/spotify-apps?size=0"), 400, "size");
		assertProblem(admin("GET", "/admin/spotify-apps/abc"), 400, "id");
		assertProblem(admin("POST", "/admin/invites", "{\"app_id\":999999}"), 400, "app_id");
		assertProblem(admin("POST", "/admin/invites", "{\"expires_in_hours\":0}"), 400, "expires_in_hours");
		assertProblem(admin("POST", "/admin/invites", "{\"expires_in_hours\":721}"), 400, "expires_in_hours");
		admin("POST", "/admin/spotify-apps",
				"{\"label\":\"Twice\",\"client_id\":\"contract-app-3\",\"client_secret\":\"s3\"}");
		assertProblem(admin("POST", "/admin/spotify-apps",
				"{\"label\":\"Twice\",\"client_id\":\"contract-app-3\",\"client_secret\":\"s3\"}"), 409, null);
	}

	@Test
	void usersAreAttachedAsAGroupAndAnAppWithUsersIsNotRemoved() throws Exception {
		int app = body(admin("POST", "/admin/spotify-apps",
				"{\"label\":\"Group\",\"client_id\":\"contract-app-4\",\"client_secret\":\"s4\"}"))
			.get("id")
			.asInt();
		int connected = insertUser("contract-connected", "Connected");
		linkSpotify(connected);
		checkpoint(connected, "idle", true);
		int importOnly = insertUser(null, "Import only");

		HttpResponse<String> attached = admin("POST", "/admin/spotify-apps/" + app + "/users",
				"{\"user_ids\":[" + connected + "," + importOnly + "]}");
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
		JsonNode items = body(attached).get("attached");
		assertThat(items).hasSize(2);
		// the connected user's token came from the default app: they must reconnect
		assertThat(items.get(0).get("user_id").asInt()).isEqualTo(connected);
		assertThat(items.get(0).get("app_id").asInt()).isEqualTo(app);
		assertThat(items.get(0).get("reconnect_required").asBoolean()).isTrue();
		assertThat(items.get(1).get("reconnect_required").asBoolean()).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT status FROM sync_checkpoints WHERE user_id = ?", String.class,
				connected))
			.isEqualTo("reauth_required");

		JsonNode detail = body(admin("GET", "/admin/users/" + connected));
		assertThat(detail.at("/spotify_app/id").asInt()).isEqualTo(app);
		assertThat(detail.at("/spotify_app/label").asString())
			.isEqualTo(body(admin("GET", "/admin/spotify-apps/" + app)).get("label").asString());

		JsonNode appNow = body(admin("GET", "/admin/spotify-apps/" + app));
		assertThat(appNow.get("users").asInt()).isEqualTo(2);
		assertThat(appNow.get("connected_users").asInt()).isEqualTo(1);
		assertThat(body(admin("GET", "/admin/spotify-apps/" + app + "/users")).get("items")
			.valueStream()
			.map((user) -> user.get("id").asInt())).containsExactly(connected, importOnly);

		HttpResponse<String> refused = admin("DELETE", "/admin/spotify-apps/" + app);
		assertProblem(refused, 409, null);
		assertThat(body(refused).get("detail").asString()).contains("2 attached user");

		assertProblem(admin("POST", "/admin/spotify-apps/" + app + "/users", "{\"user_ids\":[]}"), 400, "user_ids");
		assertProblem(admin("POST", "/admin/spotify-apps/" + app + "/users", "{\"user_ids\":[99999999]}"), 404, null);
		assertThat(admin("DELETE", "/admin/spotify-apps/" + app + "/users/" + connected).body())
			.contains("\"app_id\":null");
		assertThat(admin("DELETE", "/admin/spotify-apps/" + app + "/users/" + importOnly).statusCode()).isEqualTo(200);
		assertProblem(admin("DELETE", "/admin/spotify-apps/" + app + "/users/" + importOnly), 404, null);
		assertThat(admin("DELETE", "/admin/spotify-apps/" + app).statusCode()).isEqualTo(204);
	}

	@Test
	void invitesAreShownOnceListedWithoutTokensAndRevoked() throws Exception {
		int app = body(admin("POST", "/admin/spotify-apps",
				"{\"label\":\"Invites\",\"client_id\":\"contract-app-5\",\"client_secret\":\"s5\"}"))
			.get("id")
			.asInt();
		HttpResponse<String> created = admin("POST", "/admin/invites",
				"{\"app_id\":" + app + ",\"expires_in_hours\":48,\"note\":\"for Kim\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode answer = body(created);
		String token = answer.get("token").asString();
		assertThat(token).hasSizeGreaterThanOrEqualTo(40);
		assertThat(answer.get("url").asString()).endsWith("/auth/login?invite=" + token);
		JsonNode invite = answer.get("invite");
		long id = invite.get("id").asLong();
		assertThat(invite.get("app_id").asInt()).isEqualTo(app);
		assertThat(invite.get("app_label").asString()).isEqualTo("Invites");
		assertThat(invite.get("status").asString()).isEqualTo("open");
		assertThat(invite.get("note").asString()).isEqualTo("for Kim");
		// only a hash is stored
		assertThat(
				this.jdbc.queryForObject("SELECT token_hash FROM spotify_app_invites WHERE id = ?", String.class, id))
			.doesNotContain(token)
			.hasSize(64);

		HttpResponse<String> list = admin("GET", "/admin/invites");
		assertThat(list.body()).doesNotContain(token).contains("\"total\"");
		assertThat(body(list).get("items").get(0).get("id").asLong()).isEqualTo(id);

		HttpResponse<String> defaultApp = admin("POST", "/admin/invites", null);
		assertThat(defaultApp.statusCode()).isEqualTo(201);
		assertThat(body(defaultApp).get("invite").get("app_id").isNull()).isTrue();

		HttpResponse<String> revoked = admin("DELETE", "/admin/invites/" + id);
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(body(revoked).get("status").asString()).isEqualTo("revoked");
		int user = insertUser("contract-invited", "Invited");
		long used = body(admin("POST", "/admin/invites", "{}")).get("invite").get("id").asLong();
		this.jdbc.update("UPDATE spotify_app_invites SET used_at = now(), used_by_user_id = ? WHERE id = ?", user,
				used);
		assertProblem(admin("DELETE", "/admin/invites/" + used), 409, null);
		assertProblem(admin("DELETE", "/admin/invites/99999999"), 404, null);

		// removing the app removes its invites with it
		assertThat(admin("DELETE", "/admin/spotify-apps/" + app).statusCode()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM spotify_app_invites WHERE id = ?", Integer.class, id))
			.isZero();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		if (field != null) {
			assertThat(problem.get("field").asString()).isEqualTo(field);
			assertThat(problem.get("detail").asString()).contains(field);
		}
	}

}
