package org.spotifymcp.api.oauth;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets public clients (no secret, as every MCP client registers) use the refresh token
 * grant and the revocation endpoint. Spring's public-client authentication only covers
 * the code exchange (it demands a {@code code_verifier}); OAuth 2.1 allows refresh tokens
 * for public clients when they rotate, which ours do.
 */
final class PublicClientRefresh {

	private PublicClientRefresh() {
	}

	/** Marks a client identified only by {@code client_id}. */
	static final class Token extends OAuth2ClientAuthenticationToken {

		Token(String clientId, Map<String, Object> parameters) {
			super(clientId, ClientAuthenticationMethod.NONE, null, parameters);
		}

	}

	/**
	 * Reads {@code client_id} of a refresh-token or revocation request that carries no
	 * client credentials.
	 */
	static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
				return null;
			}
			boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
				.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
			boolean revoke = request.getRequestURI().endsWith("/oauth2/revoke");
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (!(refresh || revoke) || clientIds == null) {
				return null;
			}
			if (clientIds.length != 1 || clientIds[0].isBlank()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			Map<String, Object> parameters = new HashMap<>();
			request.getParameterMap().forEach((name, values) -> {
				if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
					parameters.put(name, (values.length == 1) ? values[0] : values);
				}
			});
			return new Token(clientIds[0], parameters);
		}

	}

	/** Accepts a {@link Token} of a registered public client. */
	static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			if (!(authentication instanceof Token token)) {
				return null;
			}
			RegisteredClient client = this.clients.findByClientId((String) token.getPrincipal());
			if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"unknown client_id or not a public client", null));
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return Token.class.isAssignableFrom(authentication);
		}

	}

}
