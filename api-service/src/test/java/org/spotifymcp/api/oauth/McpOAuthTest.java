package org.spotifymcp.api.oauth;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP OAuth end to end over real HTTP, as Claude or ChatGPT do it: a 401 from
 * {@code /mcp} leads to the protected resource metadata, the authorization server
 * metadata, dynamic registration, sign-in (with Spotify through the emulator, or with a
 * pasted MCP token), consent, the code exchange with PKCE and {@code resource}, tool
 * calls, refresh with rotation and revocation. Plus the refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "app.ops.rate-limit-auth-per-minute=1000", "app.ops.rate-limit-mcp-per-minute=1000",
				"app.oauth.registrations-per-minute=1000", "management.server.port=0" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpOAuthTest {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String APP = "http://127.0.0.1:" + PORT;

	private static final String MCP = APP + "/mcp";

	private static final String INSPECTOR = "http://localhost:6274/oauth/callback";

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

	/** Stands in for a client's https host serving its Client ID Metadata Document. */
	private static final HttpServer documentHost = documentHost();

	private static final String CIMD_CLIENT = "https://cimd.example/client.json";

	private static final String CIMD_REDIRECT = "http://127.0.0.1:5555/callback";

	static {
		emulator.addUser(FakeUser.scriptedOnly("alice", "Alice"));
	}

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("server.port", () -> PORT);
		registry.add("app.ops.api-base-url", () -> APP);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.redirect-uri", () -> APP + "/auth/callback");
		registry.add("app.spotify.allowed-user-ids", () -> "alice");
	}

	@AfterAll
	static void stop() {
		emulator.close();
		documentHost.stop(0);
	}

	private static HttpServer documentHost() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			serve(server, "/client.json", "{\"client_id\":\"" + CIMD_CLIENT + "\",\"client_name\":\"CIMD Client\","
					+ "\"redirect_uris\":[\"" + CIMD_REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\"}");
			serve(server, "/impostor.json", "{\"client_id\":\"https://cimd.example/other.json\","
					+ "\"redirect_uris\":[\"" + CIMD_REDIRECT + "\"]}");
			server.start();
			return server;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void serve(HttpServer server, String path, String json) {
		server.createContext(path, (exchange) -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	/**
	 * Documents of {@code https://cimd.example} come from the local document host; every
	 * other client id goes through the real SSRF guard.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DocumentHostConfiguration {

		@Bean
		ClientMetadataDocuments.MetadataSource testMetadataSource() {
			GuardedMetadataFetcher guarded = new GuardedMetadataFetcher();
			return (url) -> {
				if (!"cimd.example".equals(url.getHost())) {
					return guarded.fetch(url);
				}
				try {
					return HttpClient.newHttpClient()
						.send(HttpRequest
							.newBuilder(URI
								.create("http://127.0.0.1:" + documentHost.getAddress().getPort() + url.getPath()))
							.build(), HttpResponse.BodyHandlers.ofByteArray())
						.body();
				}
				catch (InterruptedException ex) {
					throw new java.io.IOException(ex);
				}
			};
		}

	}

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	McpTokenService tokens;

	@Autowired
	JwtEncoder encoder;

	@Autowired
	OAuth2AuthorizationService authorizations;

	@Autowired
	RegisteredClientRepository clients;

	private int bob;

	private String bobStaticToken;

	@BeforeAll
	void seed() {
		// an import-only user (no Spotify link) with two plays in March 2024
		this.bob = this.jdbc.queryForObject(
				"insert into users (display_name, time_zone) values ('Bob', 'UTC') returning id", Integer.class);
		this.jdbc.update("insert into artists (id, spotify_id, name) values (901, 'art901', 'Artist')");
		this.jdbc.update("insert into albums (id, spotify_id, name) values (901, 'alb901', 'Album')");
		this.jdbc.update("insert into tracks (id, spotify_id, name, album_id, duration_ms) values"
				+ " (901, 'trk901', 'Song', 901, 200000)");
		this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (901, 0, 901)");
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-03-20T10:00Z', 901, 180000, 2), (?, '2024-03-21T10:00Z', 901, 180000, 2)",
				this.bob, this.bob);
		RollupChecks.apply(this.jdbc, this.bob);
		this.bobStaticToken = this.tokens.issue(this.bob, "scripts").secret();
	}

	@Test
	void aClientDiscoversRegistersSignsInWithSpotifyCallsToolsRefreshesAndRevokes() throws Exception {
		// 1. a 401 names the protected resource metadata (raw bytes: the header's case)
		String raw = rawPost("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null);
		assertThat(raw).startsWith("HTTP/1.1 401")
			.contains("WWW-Authenticate: Bearer resource_metadata=\"" + APP
					+ "/.well-known/oauth-protected-resource/mcp\", scope=\"history:read\"");

		// 2. protected resource metadata -> 3. authorization server metadata
		JsonNode prm = getJson(APP + "/.well-known/oauth-protected-resource/mcp");
		assertThat(prm.path("resource").asString()).isEqualTo(MCP);
		assertThat(strings(prm.path("scopes_supported"))).containsExactly("history:read", "spotify:read",
				"spotify:write");
		assertThat(getJson(APP + "/.well-known/oauth-protected-resource")).isEqualTo(prm);
		String issuer = prm.path("authorization_servers").get(0).asString();
		assertThat(issuer).isEqualTo(APP);
		JsonNode as = getJson(issuer + "/.well-known/oauth-authorization-server");
		assertThat(as.path("issuer").asString()).isEqualTo(APP);
		assertThat(strings(as.path("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(as.path("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code",
				"refresh_token");
		assertThat(strings(as.path("token_endpoint_auth_methods_supported"))).containsExactly("none");
		assertThat(strings(as.path("response_types_supported"))).containsExactly("code");
		assertThat(as.path("registration_endpoint").asString()).isEqualTo(APP + "/oauth2/register");

		// 4. dynamic client registration
		Client client = register("MCP Inspector", INSPECTOR);

		// 5. authorize: sign in with Spotify (emulator), consent
		Pkce pkce = new Pkce();
		Browser browser = new Browser();
		HttpResponse<String> start = browser
			.get(authorizeUrl(client, INSPECTOR, "history:read spotify:read", pkce, "state-1", MCP));
		assertThat(start.statusCode()).isEqualTo(302);
		assertThat(location(start)).endsWith("/oauth2/signin");
		HttpResponse<String> signIn = browser.get(APP + "/oauth2/signin");
		assertThat(signIn.body()).contains("Sign in with Spotify").contains("paste one of your MCP tokens");
		HttpResponse<String> toLogin = browser.get(APP + "/oauth2/signin/spotify");
		assertThat(location(toLogin)).endsWith("/auth/login");
		String spotifyAuthorize = location(browser.get(APP + "/auth/login"));
		String callback = browser.consentAtEmulator(spotifyAuthorize, "alice");
		HttpResponse<String> loggedIn = browser.get(callback);
		assertThat(location(loggedIn)).endsWith("/oauth2/signin/complete");
		HttpResponse<String> resumed = browser.get(APP + "/oauth2/signin/complete");
		assertThat(location(resumed)).startsWith("/oauth2/authorize?");
		String code = browser.consent(absolute(resumed), "MCP Inspector", true, INSPECTOR, "state-1");

		// 6. the code exchange with PKCE and resource
		JsonNode tokens = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				INSPECTOR, "client_id", client.id(), "code_verifier", pkce.verifier(), "resource", MCP));
		String access = tokens.path("access_token").asString();
		String refresh = tokens.path("refresh_token").asString();
		assertThat(refresh).isNotBlank();
		assertThat(tokens.path("expires_in").asLong()).isBetween(3500L, 3600L);
		int alice = this.jdbc.queryForObject("select id from users where spotify_user_id = 'alice'", Integer.class);
		JsonNode claims = claims(access);
		assertThat(claims.path("sub").asString()).isEqualTo(String.valueOf(alice));
		assertThat(strings(claims.path("aud"))).containsExactly(MCP);
		assertThat(claims.path("iss").asString()).isEqualTo(APP);

		// 7. tools/call through the MCP SDK with the access token: alice's data only
		McpSyncClient mcp = mcpClient(access);
		try {
			McpSchema.CallToolResult own = mcp.callTool(new McpSchema.CallToolRequest("history_top_tracks",
					Map.of("start", "2024-03-01", "end", "2024-03-31")));
			assertThat(own.isError()).isFalse();
			assertThat(((Map<?, ?>) own.structuredContent()).get("total_plays")).isEqualTo(0);
			McpSchema.CallToolResult other = mcp.callTool(new McpSchema.CallToolRequest("history_top_tracks",
					Map.of("user_id", this.bob, "start", "2024-03-01", "end", "2024-03-31")));
			assertThat(other.isError()).isTrue();
			assertThat(other.content().toString()).contains("cannot read user_id " + this.bob);
		}
		finally {
			mcp.closeGracefully();
		}

		// 8. refresh rotates: the new refresh token works once, the old one never again
		JsonNode refreshed = tokenRequest(
				Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", client.id()));
		String newRefresh = refreshed.path("refresh_token").asString();
		String newAccess = refreshed.path("access_token").asString();
		assertThat(newRefresh).isNotBlank().isNotEqualTo(refresh);
		assertThat(
				tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", client.id()))
					.body())
			.contains("invalid_grant");
		assertThat(toolCall(newAccess, "history_top_tracks").statusCode()).isNotIn(401, 403);

		// 9. revoking the refresh token ends the access token too
		HttpResponse<String> revoked = form(APP + "/oauth2/revoke",
				Map.of("token", newRefresh, "token_type_hint", "refresh_token", "client_id", client.id()));
		assertThat(revoked.statusCode()).isEqualTo(200);
		HttpResponse<String> after = toolCall(newAccess, "history_top_tracks");
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(after.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).contains("resource_metadata=").contains("error=\"invalid_token\""));
	}

	@Test
	void anImportOnlyUserSignsInWithAnMcpTokenAndConsentIsRemembered() throws Exception {
		Client client = register("Claude", "https://claude.ai/api/mcp/auth_callback");
		String redirect = "https://claude.ai/api/mcp/auth_callback";
		Pkce pkce = new Pkce();
		Browser browser = new Browser();
		assertThat(location(browser.get(authorizeUrl(client, redirect, "history:read", pkce, "s1", MCP))))
			.endsWith("/oauth2/signin");
		HttpResponse<String> page = browser.get(APP + "/oauth2/signin");
		HttpResponse<String> wrong = browser.post(APP + "/oauth2/signin/token",
				Map.of("token", "not-a-token", "_csrf", browser.csrf(page.body())));
		assertThat(wrong.statusCode()).isEqualTo(401);
		HttpResponse<String> ok = browser.post(APP + "/oauth2/signin/token",
				Map.of("token", this.bobStaticToken, "_csrf", browser.csrf(wrong.body())));
		assertThat(ok.statusCode()).isEqualTo(302);
		String code = browser.consent(absolute(ok), "Claude", true, redirect, "s1");
		String access = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
				"client_id", client.id(), "code_verifier", pkce.verifier(), "resource", MCP))
			.path("access_token")
			.asString();
		assertThat(claims(access).path("sub").asString()).isEqualTo(String.valueOf(this.bob));
		assertThat(strings(claims(access).path("scope"))).containsExactly("history:read");

		// bob's own plays, through the token's user
		McpSyncClient mcp = mcpClient(access);
		try {
			McpSchema.CallToolResult own = mcp.callTool(new McpSchema.CallToolRequest("history_top_tracks",
					Map.of("start", "2024-03-01", "end", "2024-03-31")));
			assertThat(((Map<?, ?>) own.structuredContent()).get("total_plays")).isEqualTo(2);
		}
		finally {
			mcp.closeGracefully();
		}
		// a live Spotify tool needs spotify:read, which was not granted
		HttpResponse<String> live = toolCall(access, "spotify_search");
		assertThat(live.statusCode()).isEqualTo(403);
		assertThat(live.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).contains("error=\"insufficient_scope\"")
				.contains("scope=\"spotify:read\""));
		String jsonRpc = rawPost("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
						+ "{\"name\":\"spotify_search\",\"arguments\":{\"q\":\"x\",\"type\":\"track\"}}}",
				"Bearer " + access);
		assertThat(jsonRpc).startsWith("HTTP/1.1 403")
			.contains("WWW-Authenticate: Bearer error=\"insufficient_scope\"");

		// the same client asking again for the same scope skips the consent page
		Pkce second = new Pkce();
		HttpResponse<String> again = browser.get(authorizeUrl(client, redirect, "history:read", second, "s2", MCP));
		assertThat(location(again)).startsWith(redirect + "?code=").contains("state=s2");

		// the static token keeps working and is never challenged
		HttpResponse<String> scripted = toolCall(this.bobStaticToken, "history_top_tracks");
		assertThat(scripted.statusCode()).isEqualTo(200);
		assertThat(scripted.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void denyingConsentSendsAccessDenied() throws Exception {
		Client client = register("ChatGPT", "https://chatgpt.com/connector/oauth/abc123");
		String redirect = "https://chatgpt.com/connector/oauth/abc123";
		Browser browser = signedInAsBob(client, redirect, "s1");
		String denied = browser.consentAnswer("ChatGPT", false);
		assertThat(denied).startsWith(redirect + "?error=access_denied");
	}

	@Test
	void registrationAcceptsKnownCallbacksAndRefusesOthers() throws Exception {
		for (String uri : List.of("https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback",
				"https://chatgpt.com/connector/oauth/x1", INSPECTOR, "http://127.0.0.1:33418/callback")) {
			assertThat(registration(Map.of("redirect_uris", List.of(uri))).statusCode()).as(uri).isEqualTo(201);
		}
		for (String uri : List.of("http://evil.example/cb", "javascript:alert(1)", "https://x.example/cb#frag",
				"cursor://callback")) {
			HttpResponse<String> refused = registration(Map.of("redirect_uris", List.of(uri)));
			assertThat(refused.statusCode()).as(uri).isEqualTo(400);
			assertThat(refused.body()).contains("invalid_redirect_uri");
		}
		assertThat(registration(
				Map.of("redirect_uris", List.of(INSPECTOR), "token_endpoint_auth_method", "client_secret_basic"))
			.body()).contains("invalid_client_metadata").contains("public clients");
		assertThat(registration(Map.of("redirect_uris", List.of(INSPECTOR), "scope", "history:write")).body())
			.contains("invalid_client_metadata")
			.contains("unknown scope history:write");
	}

	@Test
	void authorizationRequestsAreRefused() throws Exception {
		Client client = register("Inspector", INSPECTOR);
		Browser browser = new Browser();
		// an unregistered redirect is never followed
		HttpResponse<String> unregistered = browser
			.get(authorizeUrl(client, "https://evil.example/cb", "history:read", new Pkce(), "s", MCP));
		assertThat(unregistered.statusCode()).isEqualTo(400);
		assertThat(unregistered.headers().firstValue("Location")).isEmpty();
		// a loopback redirect may change its port (RFC 8252), nothing else
		assertThat(location(browser
			.get(authorizeUrl(client, "http://localhost:7777/oauth/callback", "history:read", new Pkce(), "s", MCP))))
			.endsWith("/oauth2/signin");
		assertThat(
				browser.get(authorizeUrl(client, "http://localhost:7777/other", "history:read", new Pkce(), "s", MCP))
					.statusCode())
			.isEqualTo(400);
		// an unknown scope and a foreign resource go back to the client as errors
		assertThat(location(browser.get(authorizeUrl(client, INSPECTOR, "history:write", new Pkce(), "s", MCP))))
			.startsWith(INSPECTOR + "?error=invalid_scope");
		assertThat(location(browser
			.get(authorizeUrl(client, INSPECTOR, "history:read", new Pkce(), "s", "https://other.example/mcp"))))
			.startsWith(INSPECTOR + "?error=invalid_target");
		// PKCE is required
		String noPkce = APP + "/oauth2/authorize?response_type=code&client_id=" + client.id() + "&redirect_uri="
				+ enc(INSPECTOR) + "&scope=history%3Aread&state=s";
		assertThat(location(browser.get(noPkce))).startsWith(INSPECTOR + "?error=invalid_request");
	}

	@Test
	void aWrongVerifierOrAForeignResourceGetsNoToken() throws Exception {
		String redirect = "https://claude.com/api/mcp/auth_callback";
		Client client = register("Claude", redirect);
		Browser browser = signedInAsBob(client, redirect, "s1");
		String code = query(browser.consentAnswer("Claude", true)).get("code");
		Pkce other = new Pkce();
		assertThat(tokenResponse(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
				"client_id", client.id(), "code_verifier", other.verifier()))
			.body()).contains("invalid_grant");

		Pkce pkce = new Pkce();
		HttpResponse<String> again = browser.get(authorizeUrl(client, redirect, "history:read", pkce, "s2", MCP));
		String second = query(location(again)).get("code");
		HttpResponse<String> foreign = tokenResponse(
				Map.of("grant_type", "authorization_code", "code", second, "redirect_uri", redirect, "client_id",
						client.id(), "code_verifier", pkce.verifier(), "resource", "https://other.example/mcp"));
		assertThat(foreign.statusCode()).isEqualTo(400);
		assertThat(foreign.body()).contains("invalid_target");

		// the refused request did not use the code up; a replayed code revokes what it
		// gave
		String access = tokenRequest(Map.of("grant_type", "authorization_code", "code", second, "redirect_uri",
				redirect, "client_id", client.id(), "code_verifier", pkce.verifier(), "resource", MCP))
			.path("access_token")
			.asString();
		assertThat(toolCall(access, "history_top_tracks").statusCode()).isEqualTo(200);
		assertThat(tokenResponse(Map.of("grant_type", "authorization_code", "code", second, "redirect_uri", redirect,
				"client_id", client.id(), "code_verifier", pkce.verifier()))
			.body()).contains("invalid_grant");
		assertThat(toolCall(access, "history_top_tracks").statusCode()).isEqualTo(401);
	}

	@Test
	void tokensWithAWrongAudienceOrPastTheirExpiryAreRefused() throws Exception {
		Client client = register("Forged", INSPECTOR);
		RegisteredClient registered = this.clients.findByClientId(client.id());
		Instant now = Instant.now();
		String good = stored(registered, mint(MCP, now, now.plus(Duration.ofMinutes(5))));
		String wrongAudience = stored(registered,
				mint("https://other.example/mcp", now, now.plus(Duration.ofMinutes(5))));
		String expired = stored(registered, mint(MCP, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
		assertThat(toolCall(good, "history_top_tracks").statusCode()).isEqualTo(200);
		assertThat(toolCall(wrongAudience, "history_top_tracks").statusCode()).isEqualTo(401);
		assertThat(toolCall(expired, "history_top_tracks").statusCode()).isEqualTo(401);
		// not stored as an authorization (never issued, or revoked): refused as well
		assertThat(toolCall(mint(MCP, now, now.plus(Duration.ofMinutes(5))), "history_top_tracks").statusCode())
			.isEqualTo(401);
	}

	@Test
	void aClientIdMetadataDocumentClientSignsInWithoutRegistering() throws Exception {
		assertThat(
				getJson(APP + "/.well-known/oauth-authorization-server").path("client_id_metadata_document_supported")
					.asBoolean())
			.isTrue();
		Client client = new Client(CIMD_CLIENT);
		Pkce pkce = new Pkce();
		Browser browser = new Browser();
		assertThat(location(browser.get(authorizeUrl(client, CIMD_REDIRECT, "history:read", pkce, "c1", MCP))))
			.endsWith("/oauth2/signin");
		HttpResponse<String> page = browser.get(APP + "/oauth2/signin");
		HttpResponse<String> ok = browser.post(APP + "/oauth2/signin/token",
				Map.of("token", this.bobStaticToken, "_csrf", browser.csrf(page.body())));
		String code = browser.consent(absolute(ok), "CIMD Client", true, CIMD_REDIRECT, "c1");
		String access = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				CIMD_REDIRECT, "client_id", CIMD_CLIENT, "code_verifier", pkce.verifier(), "resource", MCP))
			.path("access_token")
			.asString();
		assertThat(toolCall(access, "history_top_tracks").statusCode()).isEqualTo(200);

		// a redirect the document does not list, a document naming another client id, and
		// client ids on private or loopback addresses are all refused
		Browser other = new Browser();
		assertThat(other
			.get(authorizeUrl(client, "http://127.0.0.1:5555/elsewhere", "history:read", new Pkce(), "c2", MCP))
			.statusCode()).isEqualTo(400);
		for (String clientId : List.of("https://cimd.example/impostor.json", "https://127.0.0.1/client.json",
				"https://10.0.0.7/client.json", "https://localhost/client.json")) {
			HttpResponse<String> refused = other
				.get(authorizeUrl(new Client(clientId), CIMD_REDIRECT, "history:read", new Pkce(), "c3", MCP));
			assertThat(refused.statusCode()).as(clientId).isEqualTo(400);
			assertThat(refused.headers().firstValue("Location")).as(clientId).isEmpty();
		}
	}

	/**
	 * The official Python SDK ({@code mcp} 2.3.0) runs its own discovery, registration,
	 * PKCE and code exchange; the interpreter is {@code -Dmcp.python} or
	 * {@code MCP_PYTHON} (default {@code python3}), and the test is skipped, saying so,
	 * where it lacks the package.
	 */
	@Test
	void theOfficialPythonSdkConnectsThroughOAuth() throws Exception {
		String python = System.getProperty("mcp.python",
				System.getenv().getOrDefault("MCP_PYTHON", installedClient("venv/bin/python", "python3")));
		requireClient(hasMcpPackage(python), python
				+ " cannot import mcp (run scripts/install-test-clients.sh, or set MCP_PYTHON); Python SDK run skipped");
		java.nio.file.Path script = java.nio.file.Path
			.of(McpOAuthTest.class.getResource("/oauth/python_sdk_client.py").toURI());
		Process process = new ProcessBuilder(python, script.toString(), APP, this.bobStaticToken)
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).containsPattern("(?m)^total_plays=2$");
	}

	/**
	 * The official TypeScript SDK ({@code @modelcontextprotocol/sdk}) does the same; it
	 * runs when {@code -Dmcp.ts.dir} or {@code MCP_TS_SDK_DIR} names a directory whose
	 * {@code node_modules} holds the SDK ({@code npm install @modelcontextprotocol/sdk}),
	 * and is skipped, saying so, otherwise.
	 */
	@Test
	void theOfficialTypeScriptSdkConnectsThroughOAuth() throws Exception {
		String dir = System.getProperty("mcp.ts.dir",
				System.getenv().getOrDefault("MCP_TS_SDK_DIR", installedClient("ts", "")));
		java.nio.file.Path modules = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve("node_modules");
		requireClient(!dir.isEmpty() && java.nio.file.Files.isDirectory(modules.resolve("@modelcontextprotocol/sdk")),
				"MCP_TS_SDK_DIR does not name a directory with node_modules/@modelcontextprotocol/sdk; TypeScript SDK run skipped");
		java.nio.file.Path work = java.nio.file.Files.createTempDirectory("ts-sdk-e2e");
		java.nio.file.Files.createSymbolicLink(work.resolve("node_modules"), modules.toAbsolutePath());
		java.nio.file.Path script = work.resolve("ts_sdk_client.mjs");
		try (java.io.InputStream in = McpOAuthTest.class.getResourceAsStream("/oauth/ts_sdk_client.mjs")) {
			java.nio.file.Files.copy(in, script);
		}
		Process process = new ProcessBuilder("node", script.toString(), APP, this.bobStaticToken)
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).containsPattern("(?m)^total_plays=2$");
	}

	/**
	 * Where scripts/install-test-clients.sh put a client, if it did.
	 */
	private static String installedClient(String path, String otherwise) {
		java.nio.file.Path installed = java.nio.file.Path.of("..", ".test-clients", path).toAbsolutePath().normalize();
		return java.nio.file.Files.exists(installed) ? installed.toString() : otherwise;
	}

	/**
	 * A missing SDK skips its test on a developer's machine, but fails it in CI, which
	 * installs both (.ci/run), so a green CI run always includes both SDK runs.
	 */
	private static void requireClient(boolean present, String message) {
		if ("true".equals(System.getenv("CI"))) {
			assertThat(present).as(message).isTrue();
		}
		Assumptions.assumeTrue(present, message);
	}

	private static boolean hasMcpPackage(String python) {
		try {
			Process check = new ProcessBuilder(python, "-c", "import mcp").redirectErrorStream(true).start();
			return check.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && check.exitValue() == 0;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Test
	void browserClientsMayCallTheOpenEndpointsFromTheirOrigin() throws Exception {
		for (String path : List.of("/oauth2/token", "/oauth2/register", "/.well-known/oauth-authorization-server",
				"/.well-known/oauth-protected-resource/mcp")) {
			HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(APP + path))
				.header("Origin", "http://localhost:6274")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type")
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
			assertThat(preflight.statusCode()).as(path).isEqualTo(200);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path)
				.hasValue("http://localhost:6274");
		}
	}

	@Test
	void originsFromOtherSitesAreRefused() throws Exception {
		HttpRequest.Builder foreign = HttpRequest.newBuilder(URI.create(MCP))
			.header("Origin", "https://evil.example")
			.header("Authorization", "Bearer " + this.bobStaticToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
		assertThat(send(foreign).statusCode()).isEqualTo(403);
		HttpRequest.Builder own = HttpRequest.newBuilder(URI.create(MCP))
			.header("Origin", APP)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
		assertThat(send(own).statusCode()).as("own origin passes to authentication").isEqualTo(401);
	}

	@Test
	void instructionsAndPromptsGuideTheModel() {
		McpSyncClient mcp = mcpClient(this.bobStaticToken);
		try {
			assertThat(mcp.getServerInstructions()).contains("time_zone").contains("history_top_artists");
			assertThat(mcp.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
				.containsExactlyInAnyOrder("wrapped", "taste_profile", "compare_periods");
			McpSchema.GetPromptResult compare = mcp.getPrompt(
					new McpSchema.GetPromptRequest("compare_periods", Map.of("first", "2023", "second", "2024-02")));
			assertThat(((McpSchema.TextContent) compare.messages().get(0).content()).text())
				.contains("a_start 2023-01-01, a_end 2023-12-31, b_start 2024-02-01 and b_end 2024-02-29");
			McpSchema.CompleteResult years = mcp
				.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("wrapped"),
						new McpSchema.CompleteRequest.CompleteArgument("year", "201")));
			assertThat(years.completion().values()).contains("2019", "2010").allMatch((year) -> year.startsWith("201"));
			McpSchema.CompleteResult months = mcp
				.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("compare_periods"),
						new McpSchema.CompleteRequest.CompleteArgument("first",
								java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString())));
			assertThat(months.completion().values()).hasSize(1);
		}
		finally {
			mcp.closeGracefully();
		}
	}

	// ---------------------------------------------------------------- helpers

	private Browser signedInAsBob(Client client, String redirect, String state) throws Exception {
		Browser browser = new Browser();
		browser.get(authorizeUrl(client, redirect, "history:read", new Pkce(), state, MCP));
		HttpResponse<String> page = browser.get(APP + "/oauth2/signin");
		HttpResponse<String> ok = browser.post(APP + "/oauth2/signin/token",
				Map.of("token", this.bobStaticToken, "_csrf", browser.csrf(page.body())));
		HttpResponse<String> toConsent = browser.get(absolute(ok));
		browser.lastConsentPage = browser.get(absolute(toConsent));
		return browser;
	}

	private String mint(String audience, Instant issuedAt, Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(APP)
			.subject(String.valueOf(this.bob))
			.id(UUID.randomUUID().toString())
			.audience(List.of(audience))
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("scope", List.of("history:read"))
			.build();
		String kid;
		try {
			kid = getJson(APP + "/oauth2/jwks").path("keys").get(0).path("kid").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).build(), claims))
			.getTokenValue();
	}

	/** Stores a token as if the server had issued it, so only its claims decide. */
	private String stored(RegisteredClient client, String token) {
		Instant now = Instant.now();
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now.minusSeconds(1),
				now.plus(Duration.ofMinutes(5)), Set.of("history:read"));
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(client)
			.principalName(String.valueOf(this.bob))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("history:read"))
			.token(access)
			.build());
		return token;
	}

	private Client register(String name, String redirect) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_name", name);
		body.put("redirect_uris", List.of(redirect));
		body.put("grant_types", List.of("authorization_code", "refresh_token"));
		body.put("response_types", List.of("code"));
		body.put("token_endpoint_auth_method", "none");
		HttpResponse<String> response = registration(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode registered = this.json.readTree(response.body());
		assertThat(registered.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(strings(registered.path("redirect_uris"))).containsExactly(redirect);
		return new Client(registered.path("client_id").asString());
	}

	private HttpResponse<String> registration(Map<String, Object> body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(APP + "/oauth2/register"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body))));
	}

	private static String authorizeUrl(Client client, String redirect, String scope, Pkce pkce, String state,
			String resource) {
		return APP + "/oauth2/authorize?response_type=code&client_id=" + enc(client.id()) + "&redirect_uri="
				+ enc(redirect) + "&scope=" + enc(scope) + "&state=" + enc(state) + "&code_challenge="
				+ pkce.challenge() + "&code_challenge_method=S256&resource=" + enc(resource);
	}

	private JsonNode tokenRequest(Map<String, String> form) throws Exception {
		HttpResponse<String> response = tokenResponse(form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> tokenResponse(Map<String, String> form) throws Exception {
		return form(APP + "/oauth2/token", form);
	}

	private HttpResponse<String> form(String url, Map<String, String> form) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encodeForm(form))));
	}

	/** A call of /mcp/call, enough for the checks that come before the tool runs. */
	private HttpResponse<String> toolCall(String token, String tool) throws Exception {
		String args = tool.startsWith("spotify") ? "{\"q\":\"x\",\"type\":\"track\"}" : "{}";
		return send(HttpRequest.newBuilder(URI.create(APP + "/mcp/call"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"tool\":\"" + tool + "\",\"args\":" + args + "}")));
	}

	private McpSyncClient mcpClient(String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(APP)
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
		client.initialize();
		return client;
	}

	private JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)));
		assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private JsonNode claims(String jwt) {
		return this.json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((value) -> values.add(value.asString()));
		}
		else if (node.isString()) {
			values.addAll(List.of(node.asString().split(" ")));
		}
		return values;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String rawPost(String path, String body, String authorization) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", PORT)) {
			OutputStream out = socket.getOutputStream();
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT
					+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
					+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "") + "Content-Length: "
					+ bytes.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			return in.lines().collect(Collectors.joining("\n"));
		}
	}

	private static String location(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError(
					"no Location in " + response.statusCode() + " " + response.uri() + ": " + response.body()));
	}

	private static String absolute(HttpResponse<String> response) {
		String location = location(response);
		return location.startsWith("http") ? location : APP + location;
	}

	private static Map<String, String> query(String url) {
		Map<String, String> values = new LinkedHashMap<>();
		String raw = URI.create(url).getRawQuery();
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String encodeForm(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> enc(entry.getKey()) + "=" + enc(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	private record Client(String id) {

	}

	/** A PKCE verifier and its S256 challenge. */
	private record Pkce(String verifier) {

		Pkce() {
			this(UUID.randomUUID() + "-" + UUID.randomUUID());
		}

		String challenge() {
			try {
				return Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256")
						.digest(this.verifier.getBytes(StandardCharsets.US_ASCII)));
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A cookie-keeping client that does not follow redirects, like a careful browser. */
	private static final class Browser {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private HttpResponse<String> lastConsentPage;

		HttpResponse<String> get(String url) throws Exception {
			return this.client.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
			return post(url, encodeForm(form));
		}

		HttpResponse<String> post(String url, String form) throws Exception {
			return this.client.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		String csrf(String page) {
			Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
			assertThat(matcher.find()).as(page).isTrue();
			return matcher.group(1);
		}

		/**
		 * Answers the emulator's consent page the way its form does; returns the callback
		 * URL.
		 */
		String consentAtEmulator(String authorizeUrl, String user) throws Exception {
			Map<String, String> form = new LinkedHashMap<>(query(authorizeUrl));
			form.put("user", user);
			form.put("decision", "accept");
			HttpResponse<String> answer = post(emulator.baseUrl() + "/authorize", form);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
			return answer.headers().firstValue("Location").orElseThrow();
		}

		/**
		 * Follows an authorization request to our consent page, answers it, returns the
		 * code.
		 */
		String consent(String authorizeUrl, String clientName, boolean allow, String redirect, String state)
				throws Exception {
			HttpResponse<String> toConsent = get(authorizeUrl);
			this.lastConsentPage = get(absolute(toConsent));
			String answer = consentAnswer(clientName, allow);
			assertThat(answer).startsWith(redirect + "?code=");
			Map<String, String> values = query(answer);
			assertThat(values).containsEntry("state", state);
			return values.get("code");
		}

		/**
		 * Submits the Allow or Deny form of the last consent page; returns where it
		 * redirects.
		 */
		String consentAnswer(String clientName, boolean allow) throws Exception {
			String page = this.lastConsentPage.body();
			assertThat(this.lastConsentPage.statusCode()).as(page).isEqualTo(200);
			assertThat(page).contains(clientName);
			Matcher forms = Pattern.compile("<form method=\"post\" action=\"/oauth2/authorize\"[^>]*>(.*?)</form>")
				.matcher(page);
			List<String> bodies = new ArrayList<>();
			while (forms.find()) {
				bodies.add(forms.group(1));
			}
			assertThat(bodies).hasSize(2);
			String chosen = bodies.get(allow ? 0 : 1);
			Matcher inputs = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
				.matcher(chosen);
			StringBuilder form = new StringBuilder();
			while (inputs.find()) {
				form.append(form.isEmpty() ? "" : "&")
					.append(enc(inputs.group(1)))
					.append('=')
					.append(enc(org.springframework.web.util.HtmlUtils.htmlUnescape(inputs.group(2))));
			}
			HttpResponse<String> answered = post(APP + "/oauth2/authorize", form.toString());
			return location(answered);
		}

	}

}
