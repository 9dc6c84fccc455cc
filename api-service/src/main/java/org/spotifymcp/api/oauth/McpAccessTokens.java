package org.spotifymcp.api.oauth;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.spotifymcp.api.mcp.McpCaller;
import org.spotifymcp.api.mcp.McpOAuthBearer;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Accepts our own JWT access tokens on {@code /mcp}: signature (any stored key), expiry,
 * issuer and audience (the canonical MCP URL) are checked, and the authorization must
 * still exist and be active, so a revocation takes effect on the next call. The caller is
 * the token's {@code sub}, our user id; its scopes go on the request for
 * {@link McpScopeFilter}.
 */
final class McpAccessTokens implements McpOAuthBearer {

	/** Request attribute with the scopes of the OAuth access token used. */
	static final String SCOPES = McpAccessTokens.class.getName() + ".scopes";

	private final NimbusJwtDecoder decoder;

	private final OAuth2AuthorizationService authorizations;

	private final McpResource resource;

	McpAccessTokens(SigningKeySource keys, OAuth2AuthorizationService authorizations, McpResource resource) {
		this.decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<java.util.List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(resource.mcpUrl()));
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(resource.issuer()), audience));
		this.authorizations = authorizations;
		this.resource = resource;
	}

	@Override
	public Optional<McpCaller> authenticate(String token, HttpServletRequest request) {
		if (!looksLikeJwt(token)) {
			return Optional.empty();
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null) {
			return Optional.empty();
		}
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		if (access == null || !access.isActive() || !token.equals(access.getToken().getTokenValue())) {
			return Optional.empty();
		}
		int userId;
		try {
			userId = Integer.parseInt(jwt.getSubject());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		request.setAttribute(SCOPES, Set.copyOf(access.getToken().getScopes()));
		return Optional
			.of(new McpCaller(false, userId, "oauth:" + authorization.getRegisteredClientId() + ":" + userId));
	}

	@Override
	public String challenge(boolean invalidToken) {
		return invalidToken ? this.resource.challenge() + ", error=\"invalid_token\"" : this.resource.challenge();
	}

	private static boolean looksLikeJwt(String token) {
		return token.startsWith("eyJ") && token.chars().filter((c) -> c == '.').count() == 2;
	}

}
