package org.spotifymcp.api.oauth;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Checks an authorization request before the listener signs in: the redirect URI (see
 * {@link RedirectUris}; Spring's default refuses {@code localhost}, which the MCP
 * Inspector uses), the scopes (Spring's default) and the RFC 8707 {@code resource}, which
 * must name our MCP endpoint.
 */
final class AuthorizeRequestValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	static final String INVALID_TARGET = "invalid_target";

	static final String RESOURCE = "resource";

	private final RedirectUris redirectUris;

	private final McpResource resource;

	AuthorizeRequestValidator(RedirectUris redirectUris, McpResource resource) {
		this.redirectUris = redirectUris;
		this.resource = resource;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String redirectUri = request.getRedirectUri();
		if (redirectUri == null) {
			if (client.getRedirectUris().size() != 1) {
				// never redirect to an unchecked address: answer 400 on our own page
				throw new OAuth2AuthorizationCodeRequestAuthenticationException(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is required", null), null);
			}
		}
		else if (!this.redirectUris.matches(redirectUri, client.getRedirectUris())) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
					OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is not registered for this client", null), null);
		}
		OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
		Object target = request.getAdditionalParameters().get(RESOURCE);
		if (target != null && !(target instanceof String value && this.resource.isOurs(value))) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(INVALID_TARGET, "resource must be " + this.resource.mcpUrl(), null), request);
		}
	}

}
