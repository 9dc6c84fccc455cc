package org.spotifymcp.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code accounts.spotify.com}: the consent page ({@code GET /authorize}, decided by
 * {@code POST /authorize}) and the token endpoint ({@code POST /api/token}).
 */
final class AccountsEndpoints {

	private final SpotifyEmulator emulator;

	private final TokenRegistry tokens;

	private final JsonViews json;

	AccountsEndpoints(SpotifyEmulator emulator, TokenRegistry tokens, JsonViews json) {
		this.emulator = emulator;
		this.tokens = tokens;
		this.json = json;
	}

	void authorize(HttpCall call) throws IOException {
		boolean decided = "POST".equals(call.method());
		AuthorizeRequest request = decided ? AuthorizeRequest.fromForm(call) : AuthorizeRequest.fromQuery(call);
		String problem = request.problem(this.emulator.developerApps().app(request.clientId()).isPresent());
		if (problem != null) {
			call.html(400, page("Error", "<p class=\"error\">" + HttpCall.escapeHtml(problem) + "</p>"));
			return;
		}
		String userId = (request.user() != null && !request.user().isBlank()) ? request.user()
				: this.emulator.userIds(1).stream().findFirst().orElse(null);
		if (userId == null || this.emulator.user(userId).isEmpty()) {
			call.html(400, page("Error", "<p class=\"error\">Unknown emulator user "
					+ HttpCall.escapeHtml(String.valueOf(userId)) + "</p>"));
			return;
		}
		if (!decided) {
			call.html(200, consentPage(request, userId));
			return;
		}
		String separator = request.redirectUri().contains("?") ? "&" : "?";
		String state = (request.state() != null) ? "&state=" + HttpCall.encode(request.state()) : "";
		if (!"accept".equals(call.form("decision"))) {
			call.redirect(request.redirectUri() + separator + "error=access_denied" + state);
			return;
		}
		String code = this.tokens.newCode(userId, request.clientId(), request.redirectUri(), request.scope(),
				request.codeChallenge());
		call.redirect(request.redirectUri() + separator + "code=" + HttpCall.encode(code) + state);
	}

	void token(HttpCall call) throws IOException {
		if (!"POST".equals(call.method())) {
			call.json(405, this.json.oauthError("invalid_request", "POST required"));
			return;
		}
		String grantType = call.form("grant_type");
		ClientCredentials client = ClientCredentials.of(call);
		Optional<DeveloperApp> app = (client != null) ? this.emulator.developerApps().app(client.id())
				: Optional.empty();
		if (app.isEmpty()) {
			call.json(400, this.json.oauthError("invalid_client", "Invalid client"));
			return;
		}
		if (client.secret() != null && !app.get().clientSecret().equals(client.secret())) {
			call.json(400, this.json.oauthError("invalid_client", "Invalid client secret"));
			return;
		}
		if ("authorization_code".equals(grantType)) {
			exchangeCode(call, client);
		}
		else if ("refresh_token".equals(grantType)) {
			refresh(call, client);
		}
		else {
			call.json(400, this.json.oauthError("unsupported_grant_type",
					"grant_type must be authorization_code or refresh_token"));
		}
	}

	private void exchangeCode(HttpCall call, ClientCredentials client) throws IOException {
		Optional<TokenRegistry.Code> found = this.tokens.code(call.form("code"));
		if (found.isEmpty()) {
			call.json(400, this.json.oauthError("invalid_grant", "Invalid authorization code"));
			return;
		}
		TokenRegistry.Code code = found.get();
		if (this.emulator.faultFor(call, Fault.Target.ACCOUNTS, this.emulator.caller(code.userId(), client.id()),
				false)) {
			return;
		}
		if (!code.clientId().equals(client.id())) {
			// a code is bound to the app it was issued to
			call.json(400, this.json.oauthError("invalid_grant", "Invalid authorization code"));
			return;
		}
		if (!code.expiresAt().isAfter(this.emulator.clock().instant())) {
			call.json(400, this.json.oauthError("invalid_grant", "Authorization code expired"));
			return;
		}
		if (!code.redirectUri().equals(call.form("redirect_uri"))) {
			call.json(400, this.json.oauthError("invalid_grant", "Invalid redirect URI"));
			return;
		}
		String verifier = call.form("code_verifier");
		if (code.challenge() != null) {
			if (verifier == null || verifier.isBlank()) {
				call.json(400, this.json.oauthError("invalid_request", "code_verifier required"));
				return;
			}
			if (!code.challenge().equals(s256(verifier))) {
				call.json(400, this.json.oauthError("invalid_grant", "code_verifier was incorrect"));
				return;
			}
		}
		else if (client.secret() == null) {
			call.json(400, this.json.oauthError("invalid_client", "Invalid client secret"));
			return;
		}
		// a code is good for one exchange only; a replay is refused the way Spotify does
		if (!code.used().compareAndSet(false, true)) {
			call.json(400, this.json.oauthError("invalid_grant", "Invalid authorization code"));
			return;
		}
		// the consent: the user joins the app's users (if the cap allows) and the refresh
		// token's six months start now
		this.emulator.developerApps().authorize(client.id(), code.userId());
		IssuedTokens issued = this.tokens.issue(code.userId(), client.id(), code.scope(),
				this.emulator.settings().accessTokenLifetime(), client.secret() == null);
		call.json(200, tokenResponse(issued));
	}

	private void refresh(HttpCall call, ClientCredentials client) throws IOException {
		String refreshToken = call.form("refresh_token");
		Optional<TokenRegistry.Refresh> grant = this.tokens.refreshGrant(refreshToken);
		if (grant.isEmpty() || !grant.get().clientId().equals(client.id())) {
			// a refresh token works only with the app that obtained it
			call.json(400, this.json.oauthError("invalid_grant", "Invalid refresh token"));
			return;
		}
		if (client.secret() == null && !grant.get().publicClient()) {
			call.json(400, this.json.oauthError("invalid_client", "Invalid client secret"));
			return;
		}
		if (grant.get().revoked()) {
			call.json(400, this.json.oauthError("invalid_grant", "Refresh token revoked"));
			return;
		}
		if (!this.emulator.now().isBefore(grant.get().expiresAt())) {
			// six months after the consent, however often it was refreshed (since June
			// 2026)
			call.json(400, this.json.oauthError("invalid_grant", "Refresh token expired"));
			return;
		}
		FaultInjector.Decision decision = this.emulator.decide(Fault.Target.ACCOUNTS,
				this.emulator.caller(grant.get().userId(), client.id()), true);
		if (decision.failure().filter((fault) -> fault.kind() == Fault.Kind.REVOKED_REFRESH_TOKEN).isPresent()) {
			this.emulator.pause(decision.delay());
			this.tokens.revokeRefresh(refreshToken);
			call.json(400, this.json.oauthError("invalid_grant", "Refresh token revoked"));
			return;
		}
		if (this.emulator.answerFault(call, decision)) {
			return;
		}
		IssuedTokens issued = this.tokens.refresh(refreshToken, this.emulator.settings().accessTokenLifetime(),
				this.emulator.settings().rotateRefreshTokens());
		call.json(200, tokenResponse(issued));
	}

	private String tokenResponse(IssuedTokens issued) {
		ObjectNode node = this.json.object();
		node.put("access_token", issued.accessToken());
		node.put("token_type", "Bearer");
		node.put("scope", (issued.scope() != null) ? issued.scope() : "");
		node.put("expires_in", issued.expiresIn().toSeconds());
		if (issued.refreshToken() != null) {
			node.put("refresh_token", issued.refreshToken());
		}
		return this.json.write(node);
	}

	static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String consentPage(AuthorizeRequest request, String selectedUser) {
		StringBuilder options = new StringBuilder();
		for (String id : this.emulator.userIds(50)) {
			String name = this.emulator.user(id).map(FakeUser::displayName).orElse(id);
			options.append("<option value=\"")
				.append(HttpCall.escapeHtml(id))
				.append(id.equals(selectedUser) ? "\" selected>" : "\">")
				.append(HttpCall.escapeHtml(name + " (" + id + ")"))
				.append("</option>");
		}
		if (!this.emulator.userIds(50).contains(selectedUser)) {
			options.append("<option value=\"")
				.append(HttpCall.escapeHtml(selectedUser))
				.append("\" selected>")
				.append(HttpCall.escapeHtml(selectedUser))
				.append("</option>");
		}
		String body = "<p>The app <strong>" + HttpCall.escapeHtml(request.clientId())
				+ "</strong> would like to access your account:</p><ul>"
				+ String.join("",
						java.util.Arrays.stream(String.valueOf(request.scope()).split(" "))
							.filter((scope) -> !scope.isBlank())
							.map((scope) -> "<li>" + HttpCall.escapeHtml(scope) + "</li>")
							.toList())
				+ "</ul><form method=\"post\" action=\"/authorize\">" + hidden("client_id", request.clientId())
				+ hidden("response_type", "code") + hidden("redirect_uri", request.redirectUri())
				+ hidden("state", request.state()) + hidden("scope", request.scope())
				+ hidden("code_challenge", request.codeChallenge())
				+ hidden("code_challenge_method", request.codeChallengeMethod())
				+ "<label>Log in as <select name=\"user\" id=\"user\">" + options + "</select></label>"
				+ "<p><button type=\"submit\" name=\"decision\" value=\"accept\" id=\"accept\">Accept</button> "
				+ "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></p></form>";
		return page("Authorize access", body);
	}

	private static String hidden(String name, String value) {
		if (value == null) {
			return "";
		}
		return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + HttpCall.escapeHtml(value) + "\">";
	}

	private static String page(String title, String body) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HttpCall.escapeHtml(title)
				+ " - Spotify emulator</title></head><body>"
				+ "<div class=\"banner\" style=\"background:#ffd54f;padding:8px\">Spotify emulator - not the real "
				+ "Spotify. No real account is involved.</div><h1>" + HttpCall.escapeHtml(title) + "</h1>" + body
				+ "</body></html>";
	}

	private record AuthorizeRequest(String clientId, String responseType, String redirectUri, String state,
			String scope, String codeChallenge, String codeChallengeMethod, String user) {

		static AuthorizeRequest fromQuery(HttpCall call) {
			return new AuthorizeRequest(call.query("client_id"), call.query("response_type"),
					call.query("redirect_uri"), call.query("state"), call.query("scope"), call.query("code_challenge"),
					call.query("code_challenge_method"), call.query("user"));
		}

		static AuthorizeRequest fromForm(HttpCall call) throws IOException {
			return new AuthorizeRequest(call.form("client_id"), call.form("response_type"), call.form("redirect_uri"),
					call.form("state"), call.form("scope"), call.form("code_challenge"),
					call.form("code_challenge_method"), call.form("user"));
		}

		/** What Spotify would refuse before showing the dialog, or {@code null}. */
		String problem(boolean knownClient) {
			if (this.clientId == null || !knownClient) {
				return "INVALID_CLIENT: Invalid client";
			}
			if (!"code".equals(this.responseType)) {
				return "unsupported_response_type: response_type must be code";
			}
			if (this.redirectUri == null || this.redirectUri.isBlank()) {
				return "INVALID_CLIENT: Invalid redirect URI";
			}
			java.net.URI uri;
			try {
				uri = java.net.URI.create(this.redirectUri);
			}
			catch (IllegalArgumentException ex) {
				return "INVALID_CLIENT: Invalid redirect URI";
			}
			// Spotify refuses localhost; loopback must be an IP literal, anything else
			// HTTPS
			if ("localhost".equalsIgnoreCase(uri.getHost())) {
				return "INVALID_CLIENT: Insecure redirect URI (localhost is not allowed, use 127.0.0.1)";
			}
			if (this.codeChallenge != null && !"S256".equals(this.codeChallengeMethod)) {
				return "invalid_request: code_challenge_method must be S256";
			}
			return null;
		}

	}

	private record ClientCredentials(String id, String secret) {

		/** Basic header first, then the form's client_id / client_secret. */
		static ClientCredentials of(HttpCall call) throws IOException {
			String header = call.header("Authorization");
			if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
				try {
					String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
							StandardCharsets.UTF_8);
					int colon = decoded.indexOf(':');
					if (colon < 0) {
						return null;
					}
					return new ClientCredentials(
							java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
							java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
			String id = call.form("client_id");
			return (id != null) ? new ClientCredentials(id, call.form("client_secret")) : null;
		}

	}

}
