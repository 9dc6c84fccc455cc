package org.spotifymcp.api.auth;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.spotifymcp.api.me.ListenerSession;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.playlists.PlaylistPreferences;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Asks Spotify for {@value PlaylistPreferences#REQUIRED_SCOPE} on top of the login's
 * usual scopes, but only for listeners who want top-hits playlists: the reconnect link of
 * the playlist settings ({@code /auth/login?playlists=true}), or a signed-in listener
 * with a playlist turned on. Everyone else sees the same consent page as before.
 */
final class PlaylistScopeUpgrade {

	static final String PARAMETER = "playlists";

	private final PlaylistLedger ledger;

	PlaylistScopeUpgrade(PlaylistLedger ledger) {
		this.ledger = ledger;
	}

	OAuth2AuthorizationRequestResolver around(OAuth2AuthorizationRequestResolver delegate) {
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return upgraded(request, delegate.resolve(request));
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
				return upgraded(request, delegate.resolve(request, clientRegistrationId));
			}

		};
	}

	private OAuth2AuthorizationRequest upgraded(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
		if (resolved == null || resolved.getScopes().contains(PlaylistPreferences.REQUIRED_SCOPE) || !wanted(request)) {
			return resolved;
		}
		Set<String> scopes = new LinkedHashSet<>(resolved.getScopes());
		scopes.add(PlaylistPreferences.REQUIRED_SCOPE);
		// without a URI of its own the builder writes one with the new scopes (and the
		// same state and PKCE challenge)
		return OAuth2AuthorizationRequest.from(resolved).scopes(scopes).authorizationRequestUri((String) null).build();
	}

	private boolean wanted(HttpServletRequest request) {
		if ("true".equals(request.getParameter(PARAMETER))) {
			return true;
		}
		Integer listener = ListenerSession.userId(request);
		return listener != null && !this.ledger.settings(listener).enabled().isEmpty();
	}

}
