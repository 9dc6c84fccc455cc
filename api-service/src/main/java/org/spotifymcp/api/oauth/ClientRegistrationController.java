package org.spotifymcp.api.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open Dynamic Client Registration (RFC 7591) for MCP clients: no initial access token
 * (Spring's registration endpoint demands one), public clients only, redirect URIs as
 * {@link RedirectUris} allows, at most {@code MCP_OAUTH_MAX_CLIENTS} clients and
 * {@code MCP_OAUTH_REGISTRATIONS_PER_MINUTE} registrations per client IP. It only stores
 * a client: every token is still issued by the authorization server.
 */
@RestController
class ClientRegistrationController {

	static final String PATH = "/oauth2/register";

	static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(1);

	static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private final RegisteredClientRepository clients;

	private final JdbcTemplate jdbc;

	private final RedirectUris redirectUris;

	private final OAuthProperties properties;

	private final PerAddressLimiter limiter;

	private final Clock clock;

	ClientRegistrationController(RegisteredClientRepository clients, JdbcTemplate jdbc, RedirectUris redirectUris,
			OAuthProperties properties, Clock clock) {
		this.clients = clients;
		this.jdbc = jdbc;
		this.redirectUris = redirectUris;
		this.properties = properties;
		this.limiter = new PerAddressLimiter(properties.registrationsPerMinute());
		this.clock = clock;
	}

	static void onlyNone(List<String> methods) {
		methods.clear();
		methods.add(ClientAuthenticationMethod.NONE.getValue());
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> register(@RequestBody(required = false) Map<String, Object> body,
			HttpServletRequest request) {
		OptionalLong wait = this.limiter.tryAcquire(request.getRemoteAddr());
		if (wait.isPresent()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", Long.toString(wait.getAsLong()))
				.body(error("slow_down",
						"too many registrations from your address; retry in " + wait.getAsLong() + " s"));
		}
		Map<String, Object> metadata = (body != null) ? body : Map.of();
		Optional<String> problem = invalidMetadata(metadata);
		if (problem.isPresent()) {
			return ResponseEntity.badRequest().body(error("invalid_client_metadata", problem.get()));
		}
		List<String> uris = strings(metadata.get("redirect_uris"));
		if (uris == null || uris.isEmpty()) {
			return ResponseEntity.badRequest().body(error("invalid_redirect_uri", "redirect_uris is required"));
		}
		for (String uri : uris) {
			Optional<String> refusal = this.redirectUris.refusal(uri);
			if (refusal.isPresent()) {
				return ResponseEntity.badRequest().body(error("invalid_redirect_uri", refusal.get()));
			}
		}
		Integer registered = this.jdbc.queryForObject("select count(*) from oauth2_registered_client", Integer.class);
		if (registered != null && registered >= this.properties.maxClients()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(error("access_denied", "this server already has its maximum of " + this.properties.maxClients()
						+ " registered clients (MCP_OAUTH_MAX_CLIENTS); ask the operator"));
		}
		RegisteredClient client = build(UUID.randomUUID().toString(), UUID.randomUUID().toString(), metadata, uris,
				this.clock.instant());
		this.clients.save(client);
		return ResponseEntity.status(HttpStatus.CREATED).body(response(client));
	}

	static Optional<String> invalidMetadata(Map<String, Object> metadata) {
		Object method = metadata.get("token_endpoint_auth_method");
		if (method != null && !ClientAuthenticationMethod.NONE.getValue().equals(method)) {
			return Optional.of("token_endpoint_auth_method must be none: only public clients (with PKCE) register");
		}
		List<String> grants = strings(metadata.get("grant_types"));
		if (metadata.containsKey("grant_types") && (grants == null || !GRANT_TYPES.containsAll(grants))) {
			return Optional.of("grant_types may only contain " + GRANT_TYPES);
		}
		List<String> responses = strings(metadata.get("response_types"));
		if (metadata.containsKey("response_types") && (responses == null || !List.of("code").containsAll(responses))) {
			return Optional.of("response_types may only contain code");
		}
		Object scope = metadata.get("scope");
		if (scope != null && !(scope instanceof String)) {
			return Optional.of("scope must be a space-separated string");
		}
		if (scope != null) {
			for (String asked : ((String) scope).split(" ")) {
				if (!asked.isBlank() && !McpResource.SCOPES.contains(asked)) {
					return Optional.of("unknown scope " + asked + "; known are " + McpResource.SCOPES);
				}
			}
		}
		Object name = metadata.get("client_name");
		if (name != null && (!(name instanceof String text) || text.length() > 200)) {
			return Optional.of("client_name must be a string of at most 200 characters");
		}
		return Optional.empty();
	}

	static RegisteredClient build(String id, String clientId, Map<String, Object> metadata, List<String> uris,
			Instant issuedAt) {
		String name = (metadata.get("client_name") instanceof String text && !text.isBlank()) ? text.strip()
				: "MCP client";
		List<String> scopes = (metadata.get("scope") instanceof String scope)
				? Arrays.stream(scope.split(" ")).filter((s) -> !s.isBlank()).toList() : McpResource.SCOPES;
		return RegisteredClient.withId(id)
			.clientId(clientId)
			.clientIdIssuedAt(issuedAt)
			.clientName(name)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((set) -> set.addAll(uris))
			.scopes((set) -> set.addAll(scopes.isEmpty() ? McpResource.SCOPES : scopes))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(ACCESS_TOKEN_TTL)
				.refreshTokenTimeToLive(REFRESH_TOKEN_TTL)
				.reuseRefreshTokens(false)
				.authorizationCodeTimeToLive(Duration.ofMinutes(5))
				.build())
			.build();
	}

	private static Map<String, Object> response(RegisteredClient client) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_id", client.getClientId());
		body.put("client_id_issued_at", client.getClientIdIssuedAt().getEpochSecond());
		body.put("client_name", client.getClientName());
		body.put("redirect_uris", new ArrayList<>(client.getRedirectUris()));
		body.put("grant_types", GRANT_TYPES);
		body.put("response_types", List.of("code"));
		body.put("token_endpoint_auth_method", ClientAuthenticationMethod.NONE.getValue());
		body.put("scope", String.join(" ", client.getScopes()));
		return body;
	}

	@SuppressWarnings("unchecked")
	static List<String> strings(Object value) {
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			return null;
		}
		return (List<String>) list;
	}

	private static Map<String, Object> error(String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return body;
	}

}
