package org.spotifymcp.api.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** What goes into the tokens this authorization server issues. */
final class AccessTokens {

	private AccessTokens() {
	}

	/**
	 * Every access token is for our MCP endpoint: {@code aud} is the canonical MCP URL, a
	 * {@code resource} naming anything else is refused ({@code invalid_target}), and the
	 * current signing key is named so verifiers pick the right one after a rotation.
	 */
	static final class Claims implements OAuth2TokenCustomizer<JwtEncodingContext> {

		private final McpResource resource;

		private final SigningKeySource keys;

		Claims(McpResource resource, SigningKeySource keys) {
			this.resource = resource;
			this.keys = keys;
		}

		@Override
		public void customize(JwtEncodingContext context) {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			Authentication grant = context.getAuthorizationGrant();
			if (grant instanceof OAuth2AuthorizationGrantAuthenticationToken request) {
				Object target = request.getAdditionalParameters().get(AuthorizeRequestValidator.RESOURCE);
				if (target != null && !(target instanceof String value && this.resource.isOurs(value))) {
					throw new OAuth2AuthenticationException(new OAuth2Error(AuthorizeRequestValidator.INVALID_TARGET,
							"resource must be " + this.resource.mcpUrl(), null));
				}
			}
			// a mutable list: the stored claims are read back through Jackson's type
			// allowlist,
			// which knows ArrayList but not List.of's internal classes
			context.getClaims().audience(new ArrayList<>(List.of(this.resource.mcpUrl())));
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			context.getJwsHeader().keyId(this.keys.currentKeyId());
		}

	}

	/**
	 * Refresh tokens for every client, public ones included (Spring's default generator
	 * skips public clients); they rotate on each use.
	 */
	static final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

		private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
				48);

		private final Clock clock;

		RefreshTokens(Clock clock) {
			this.clock = clock;
		}

		@Override
		public OAuth2RefreshToken generate(OAuth2TokenContext context) {
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
				return null;
			}
			Instant issuedAt = this.clock.instant();
			Instant expiresAt = issuedAt
				.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
			return new OAuth2RefreshToken(this.values.generateKey(), issuedAt, expiresAt);
		}

	}

}
