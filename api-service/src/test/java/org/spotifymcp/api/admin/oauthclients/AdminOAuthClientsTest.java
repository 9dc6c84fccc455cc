package org.spotifymcp.api.admin.oauthclients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.spotifymcp.api.admin.AdminApiTestSupport;
import org.spotifymcp.api.admin.OpenApiContract;
import org.spotifymcp.shared.oauth.OAuthClientQueries;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin view of MCP OAuth clients over HTTP: per-user authorized clients with revoke
 * (the access token stops working on the next call), registered clients with delete.
 */
class AdminOAuthClientsTest extends AdminApiTestSupport {

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	OAuth2AuthorizationService authorizations;

	@Autowired
	OAuth2AuthorizationConsentService consents;

	@Autowired
	JwtEncoder encoder;

	@Autowired
	OAuthClientQueries oauthClients;

	@Value("${app.ops.api-base-url}")
	String apiBaseUrl;

	@Test
	void anAdminSeesAndRevokesAUsersAssistants() throws Exception {
		int user = insertUser("oauth-admin-" + UUID.randomUUID(), "Olivia");
		RegisteredClient client = register("Claude", UUID.randomUUID().toString());
		String access = authorize(client, user);

		OpenApiContract contract = new OpenApiContract(call("GET", "/openapi.json", null, null).body());
		HttpResponse<String> authorized = admin("GET", "/admin/users/" + user + "/oauth-clients");
		contract.assertDocuments("GET", "/admin/users/{id}/oauth-clients", authorized);
		JsonNode page = body(authorized);
		assertThat(page.path("total").asLong()).isEqualTo(1);
		JsonNode listed = page.path("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("id").asString()).isEqualTo(client.getId());
		assertThat(listed.get(0).path("client_name").asString()).isEqualTo("Claude");
		assertThat(listed.get(0).path("client_id").asString()).isEqualTo(client.getClientId());
		assertThat(listed.get(0).path("scopes").toString()).contains("history:read");
		assertThat(listed.get(0).path("authorizations").asInt()).isEqualTo(1);
		assertThat(listed.get(0).path("authorized_at").asString()).isNotBlank();
		assertThat(listed.get(0).path("last_token_issued_at").asString()).isNotBlank();
		assertThat(listed.get(0).path("last_used_at").isNull()).as("not used yet").isTrue();
		HttpResponse<String> registeredClients = admin("GET", "/admin/oauth-clients");
		contract.assertDocuments("GET", "/admin/oauth-clients", registeredClients);
		JsonNode registered = body(registeredClients);
		assertThat(registered.toString()).contains(client.getClientId())
			.contains("https://claude.ai/api/mcp/auth_callback");

		assertThat(mcpCall(access).statusCode()).isEqualTo(200);
		Instant used = Instant.parse(
				body(admin("GET", "/admin/users/" + user + "/oauth-clients")).at("/items/0/last_used_at").asString());
		assertThat(used).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
		assertThat(Instant.parse(registeredView(client).path("last_used_at").asString())).isEqualTo(used);

		HttpResponse<String> revoked = admin("DELETE", "/admin/users/" + user + "/oauth-clients/" + client.getId());
		assertThat(revoked.statusCode()).isEqualTo(200);
		contract.assertDocuments("DELETE", "/admin/users/{id}/oauth-clients/{client_ref}", revoked);
		assertThat(body(revoked).path("authorizations_removed").asInt()).isEqualTo(1);
		assertThat(body(revoked).path("consent_removed").asBoolean()).isTrue();
		assertThat(mcpCall(access).statusCode()).isEqualTo(401);
		assertThat(body(admin("GET", "/admin/users/" + user + "/oauth-clients")).path("items")).isEmpty();
		assertThat(this.consents.findById(client.getId(), String.valueOf(user))).isNull();
	}

	@Test
	void lastUseIsWrittenAtMostOnceAMinutePerAuthorization() throws Exception {
		int user = insertUser("oauth-admin-" + UUID.randomUUID(), "Quinn");
		RegisteredClient client = register("Busy", UUID.randomUUID().toString());
		String access = authorize(client, user);
		assertThat(mcpCall(access).statusCode()).isEqualTo(200);
		Instant first = lastUsed(client);
		assertThat(first).isNotNull();

		// a minute-old mark is renewed by the next call, a fresh one is left alone
		Instant aMinuteAgo = first.minusSeconds(61);
		this.jdbc.update("update oauth2_authorization set last_used_at = ? where registered_client_id = ?",
				java.sql.Timestamp.from(aMinuteAgo), client.getId());
		assertThat(mcpCall(access).statusCode()).isEqualTo(200);
		assertThat(lastUsed(client)).as("this instance wrote it less than a minute ago").isEqualTo(aMinuteAgo);
		String authorization = this.jdbc.queryForObject(
				"select id from oauth2_authorization where registered_client_id = ?", String.class, client.getId());
		assertThat(this.oauthClients.recordUse(authorization, Instant.now())).as("older than a minute").isTrue();
		assertThat(this.oauthClients.recordUse(authorization, Instant.now())).as("within the minute").isFalse();
	}

	@Test
	void deletingAUserEndsTheirAssistantsGrantsAndNoOneElses() throws Exception {
		int leaving = insertUser("oauth-admin-" + UUID.randomUUID(), "Leaving");
		int staying = insertUser("oauth-admin-" + UUID.randomUUID(), "Staying");
		RegisteredClient client = register("Shared app", UUID.randomUUID().toString());
		authorize(client, leaving);
		String stayingAccess = authorize(client, staying);
		assertThat(admin("DELETE", "/admin/users/" + leaving).statusCode()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_authorization where principal_name = ?",
				Integer.class, String.valueOf(leaving)))
			.isZero();
		assertThat(this.consents.findById(client.getId(), String.valueOf(leaving))).isNull();
		assertThat(mcpCall(stayingAccess).statusCode()).isEqualTo(200);
	}

	@Test
	void deletingARegisteredClientEndsEveryAuthorization() throws Exception {
		int user = insertUser("oauth-admin-" + UUID.randomUUID(), "Pat");
		RegisteredClient client = register("Short-lived", UUID.randomUUID().toString());
		String access = authorize(client, user);
		assertThat(admin("DELETE", "/admin/oauth-clients/" + client.getId()).statusCode()).isEqualTo(200);
		assertThat(this.clients.findByClientId(client.getClientId())).isNull();
		assertThat(mcpCall(access).statusCode()).isEqualTo(401);
		assertThat(admin("DELETE", "/admin/oauth-clients/" + client.getId()).statusCode()).isEqualTo(404);
		assertThat(admin("DELETE", "/admin/users/" + user + "/oauth-clients/unknown").statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/users/0/oauth-clients").statusCode()).isEqualTo(400);
	}

	@Test
	void aClientKnownByItsMetadataDocumentUrlIsRevokedAndDeletedByItsInternalId() throws Exception {
		int user = insertUser("oauth-admin-" + UUID.randomUUID(), "Rene");
		String url = "https://assistant.example/oauth/client-" + UUID.randomUUID() + ".json";
		RegisteredClient client = register("CIMD assistant", url);
		String access = authorize(client, user);
		JsonNode view = registeredView(client);
		assertThat(view.path("client_id").asString()).isEqualTo(url);
		String id = view.path("id").asString();
		assertThat(id).isEqualTo(client.getId()).doesNotContain("/");

		HttpResponse<String> revoked = admin("DELETE", "/admin/users/" + user + "/oauth-clients/" + id);
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(body(revoked).path("client_id").asString()).isEqualTo(url);
		assertThat(mcpCall(access).statusCode()).isEqualTo(401);

		HttpResponse<String> deleted = admin("DELETE", "/admin/oauth-clients/" + id);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(body(deleted).path("client_id").asString()).isEqualTo(url);
		assertThat(this.clients.findByClientId(url)).isNull();
	}

	@Test
	void openRegistrationIsCappedAndRateLimitedPerAddress() throws Exception {
		String body = "{\"client_name\":\"x\",\"redirect_uris\":[\"http://127.0.0.1:9/cb\"]}";
		int existing = this.jdbc.queryForObject("select count(*) from oauth2_registered_client", Integer.class);
		this.jdbc
			.update("insert into oauth2_registered_client (id, client_id, client_name, client_authentication_methods,"
					+ " authorization_grant_types, scopes, client_settings, token_settings) select 'filler-' || g,"
					+ " 'filler-' || g, 'filler', 'none', 'authorization_code', 'history:read', '{}', '{}'"
					+ " from generate_series(1, ?) g", Math.max(0, 500 - existing));
		try {
			HttpResponse<String> full = call("POST", "/oauth2/register", null, body);
			assertThat(full.statusCode()).isEqualTo(403);
			assertThat(full.body()).contains("MCP_OAUTH_MAX_CLIENTS");
		}
		finally {
			this.jdbc.update("delete from oauth2_registered_client where id like 'filler-%'");
		}
		// MCP_OAUTH_REGISTRATIONS_PER_MINUTE (10) per address: the refused request
		// counted too
		for (int i = 2; i <= 10; i++) {
			assertThat(call("POST", "/oauth2/register", null, body).statusCode()).as("registration " + i)
				.isEqualTo(201);
		}
		HttpResponse<String> limited = call("POST", "/oauth2/register", null, body);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
	}

	private JsonNode registeredView(RegisteredClient client) throws Exception {
		for (int page = 0;; page++) {
			JsonNode listed = body(admin("GET", "/admin/oauth-clients?size=200&page=" + page));
			for (JsonNode view : listed.path("items")) {
				if (view.path("id").asString().equals(client.getId())) {
					return view;
				}
			}
			if ((page + 1) * 200L >= listed.path("total").asLong()) {
				break;
			}
		}
		throw new AssertionError("client " + client.getId() + " not listed");
	}

	private Instant lastUsed(RegisteredClient client) {
		java.sql.Timestamp at = this.jdbc.queryForObject(
				"select last_used_at from oauth2_authorization where registered_client_id = ?",
				java.sql.Timestamp.class, client.getId());
		return (at != null) ? at.toInstant() : null;
	}

	private RegisteredClient register(String name, String clientId) {
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now())
			.clientName(name)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("https://claude.ai/api/mcp/auth_callback")
			.scopes((scopes) -> scopes.addAll(List.of("history:read", "spotify:read")))
			.build();
		this.clients.save(client);
		return client;
	}

	/**
	 * Stores an authorization and consent as the authorization server would, with a
	 * signed token.
	 */
	private String authorize(RegisteredClient client, int user) {
		Instant now = Instant.now();
		String kid;
		try {
			// the JWK set names the current signing key (and creates the first one)
			kid = body(call("GET", "/oauth2/jwks", null, null)).path("keys").get(0).path("kid").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).build(),
					JwtClaimsSet.builder()
						.issuer(this.apiBaseUrl)
						.subject(String.valueOf(user))
						.audience(List.of(this.apiBaseUrl + "/mcp"))
						.issuedAt(now)
						.expiresAt(now.plus(Duration.ofMinutes(5)))
						.id(UUID.randomUUID().toString())
						.build()))
			.getTokenValue();
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(client)
			.principalName(String.valueOf(user))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("history:read"))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now,
					now.plus(Duration.ofMinutes(5)), Set.of("history:read")))
			.refreshToken(new OAuth2RefreshToken(UUID.randomUUID().toString(), now, now.plus(Duration.ofDays(1))))
			.build());
		this.consents.save(
				OAuth2AuthorizationConsent.withId(client.getId(), String.valueOf(user)).scope("history:read").build());
		return token;
	}

	private HttpResponse<String> mcpCall(String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp/call"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"tool\":\"history.top_tracks\",\"args\":{}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
