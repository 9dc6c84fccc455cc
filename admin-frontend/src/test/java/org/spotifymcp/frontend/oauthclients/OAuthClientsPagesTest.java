package org.spotifymcp.frontend.oauthclients;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.frontend.web.SignedInAdmin;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI's MCP OAuth clients over HTTP, logged in, on the tables the API's
 * authorization server writes: the user page lists the assistants a user authorized with
 * scopes, authorization time and last use, and revokes one (authorizations and consent
 * go, the client stays); the OAuth clients page lists registered clients and deletes one,
 * also when its client id is a metadata document URL. Both forms need the CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthClientsPagesTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private SignedInAdmin admin;

	@BeforeAll
	void logIn() throws Exception {
		this.admin = SignedInAdmin.logIn(this.port);
	}

	@Test
	void theUserPageListsAuthorizedAssistantsAndRevokesOne() throws Exception {
		int user = insertUser("Uma");
		String client = insertClient("Claude", UUID.randomUUID().toString());
		Instant authorizedAt = Instant.now().minus(Duration.ofHours(3));
		insertAuthorization(client, user, authorizedAt, Instant.now().minus(Duration.ofMinutes(5)));

		String page = get("/users/" + user).body();
		String section = page.substring(page.indexOf("id=\"oauth-clients\""));
		assertThat(section).contains(">Claude</td>")
			.contains(">history:read spotify:read</td>")
			.contains(">3 h ago</td>")
			.contains(">5 min ago</td>")
			.contains("action=\"/users/" + user + "/oauth-clients/" + client + "/revoke\"");

		assertThat(post("/users/" + user + "/oauth-clients/" + client + "/revoke", "", null).statusCode())
			.as("no CSRF token")
			.isEqualTo(403);
		assertThat(count("oauth2_authorization", client)).isEqualTo(1);

		HttpResponse<String> revoked = post("/users/" + user + "/oauth-clients/" + client + "/revoke", "",
				csrfOf(get("/users/" + user)));
		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(revoked.headers().firstValue("Location").orElseThrow())
			.endsWith("/users/" + user + "#oauth-clients");
		assertThat(count("oauth2_authorization", client)).isZero();
		assertThat(count("oauth2_authorization_consent", client)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_registered_client where id = ?", Long.class,
				client))
			.as("the client stays registered")
			.isEqualTo(1);
		String after = get("/users/" + user).body();
		assertThat(after).contains("revoked: its tokens stop working");
		assertThat(after.substring(after.indexOf("id=\"oauth-clients\""))).contains("No assistant connected");
	}

	@Test
	void theClientsPageListsRegisteredClientsAndDeletesOneKnownByItsDocumentUrl() throws Exception {
		int user = insertUser("Vic");
		String url = "https://assistant.example/clients/" + UUID.randomUUID() + ".json";
		String client = insertClient("Metadata Assistant", url);
		insertAuthorization(client, user, Instant.now().minus(Duration.ofDays(3)), null);

		String page = get("/oauth-clients").body();
		String row = page.substring(page.indexOf("id=\"oauth-client-" + client + "\""));
		assertThat(row).contains(">Metadata Assistant</td>")
			.contains(url)
			.contains("https://claude.ai/api/mcp/auth_callback")
			.contains(">never</td>")
			.contains("action=\"/oauth-clients/" + client + "/delete\"");

		HttpResponse<String> deleted = post("/oauth-clients/" + client + "/delete", "", csrfOf(get("/oauth-clients")));
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_registered_client where id = ?", Long.class,
				client))
			.isZero();
		assertThat(count("oauth2_authorization", client)).isZero();
		assertThat(count("oauth2_authorization_consent", client)).isZero();
		assertThat(get("/oauth-clients").body()).contains("Client " + url + " deleted; 1 authorization(s) ended.")
			.doesNotContain("id=\"oauth-client-" + client + "\"");
		assertThat(post("/oauth-clients/" + client + "/delete", "", csrfOf(get("/oauth-clients"))).statusCode())
			.isEqualTo(404);
	}

	private int insertUser(String name) {
		return this.jdbc.queryForObject("insert into users (display_name) values (?) returning id", Integer.class,
				name);
	}

	/** A public client as the API's registration stores it; returns its internal id. */
	private String insertClient(String name, String clientId) {
		String id = "c-" + UUID.randomUUID();
		this.jdbc.update("insert into oauth2_registered_client (id, client_id, client_name,"
				+ " client_authentication_methods, authorization_grant_types, redirect_uris, scopes, client_settings,"
				+ " token_settings) values (?, ?, ?, 'none', 'authorization_code,refresh_token',"
				+ " 'https://claude.ai/api/mcp/auth_callback', 'history:read,spotify:read', '{}', '{}')", id, clientId,
				name);
		return id;
	}

	private void insertAuthorization(String client, int user, Instant authorizedAt, Instant lastUsedAt) {
		this.jdbc.update("insert into oauth2_authorization (id, registered_client_id, principal_name,"
				+ " authorization_grant_type, authorized_scopes, authorization_code_value, authorization_code_issued_at,"
				+ " access_token_value, access_token_issued_at, refresh_token_value, refresh_token_issued_at,"
				+ " last_used_at) values (?, ?, ?, 'authorization_code', 'history:read,spotify:read', 'code', ?,"
				+ " 'access', now(), 'refresh', now(), ?)", UUID.randomUUID().toString(), client, String.valueOf(user),
				Timestamp.from(authorizedAt), (lastUsedAt != null) ? Timestamp.from(lastUsedAt) : null);
		this.jdbc.update("insert into oauth2_authorization_consent (registered_client_id, principal_name, authorities)"
				+ " values (?, ?, 'SCOPE_history:read,SCOPE_spotify:read')", client, String.valueOf(user));
	}

	private long count(String table, String client) {
		return this.jdbc.queryForObject("select count(*) from " + table + " where registered_client_id = ?", Long.class,
				client);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.admin.get(path);
	}

	private HttpResponse<String> post(String path, String form, String csrf) throws Exception {
		return this.admin.post(path, form, csrf);
	}

	private static String csrfOf(HttpResponse<String> page) {
		return SignedInAdmin.csrfOf(page);
	}

}
